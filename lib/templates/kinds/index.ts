import type { TemplateKind } from "../types";
import { runHttp } from "./http";
import { runResultsSql } from "./results-sql";
import { runSql } from "./sql";
import { runTransform } from "./transform";
import type { Executor } from "./types";
import { runDelay, runEcho } from "./utility";

/** One executor per template kind. */
export const executors: Record<TemplateKind, Executor> = {
  sql: runSql,
  http: runHttp,
  transform: runTransform,
  delay: runDelay,
  echo: runEcho,
  results_sql: runResultsSql,
};
