import { expect } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { type CompositionDocumentInput, compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { prismaSql } from "@/lib/db/sql";
import { type ResultMetadata, readRows } from "@/lib/engine/results";
import { startRun } from "@/lib/engine/start-run";
import { env, parseEnv } from "@/lib/env";
import { type RunningWorker, startWorker } from "@/lib/worker/worker";
import type { TestDatabase } from "./database";

/** A real worker on the test database, with the given environment overrides. */
export async function startTestWorker(
  database: TestDatabase,
  overrides: Record<string, string> = {},
): Promise<RunningWorker> {
  const env = parseEnv({
    WORKER_CONCURRENCY: "8",
    RETRY_BASE_DELAY_MS: "50",
    QUERYFLOW_SECRET_KEY: process.env.QUERYFLOW_SECRET_KEY,
    ...overrides,
  });
  return startWorker({ connectionString: database.url, env });
}

export async function makeUser(database: TestDatabase, id: string): Promise<SessionUser> {
  const row = await database.db.user.create({ data: { id, name: id, email: `${id}@example.com` } });
  return { id: row.id, name: row.name, email: row.email, role: row.role as SessionUser["role"] };
}

/** Saves a composition, starts a run, and waits until the run has finished. */
export async function runToEnd(
  database: TestDatabase,
  user: SessionUser,
  document: CompositionDocumentInput,
  parameters: Record<string, unknown> = {},
  timeoutMs = 30_000,
) {
  const composition = await createComposition(database.db, user, compositionDocumentSchema.parse(document));
  const execution = await startRun(database.db, user, composition.id, { parameters, trigger: "manual" });
  return waitForRun(database, execution.id, timeoutMs);
}

export async function waitForRun(database: TestDatabase, executionId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const execution = await database.db.compositionExecution.findUniqueOrThrow({
      where: { id: executionId },
      include: { nodeExecutions: true },
    });
    if (execution.finishedAt) {
      const nodes = Object.fromEntries(
        execution.nodeExecutions.map((node) => [node.compositionNodeId!, node]),
      );
      return { execution, nodes };
    }
    expect(Date.now(), `run ${executionId} did not finish in ${timeoutMs} ms`).toBeLessThan(deadline);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Adds a template to the test database's catalog (for failure and security cases). */
export async function addTemplate(
  database: TestDatabase,
  template: {
    templateId: string;
    kind: string;
    definition: object;
    parameters?: object[];
    outputs?: object[];
  },
) {
  await database.db.template.create({
    data: {
      templateId: template.templateId,
      name: template.templateId,
      builtIn: true,
      kind: template.kind,
      definition: template.definition,
      parameterSchema: template.parameters ?? [],
      outputSchema: template.outputs ?? [{ name: "result", type: "json" }],
    },
  });
}

/** Rows `offset` to `offset + limit` of a node execution's table result, as a result page reads them. */
export function resultRows(
  database: TestDatabase,
  node: { id: string; resultMetadata: unknown },
  offset: number,
  limit: number,
) {
  const metadata = node.resultMetadata as Extract<ResultMetadata, { type: "table" }>;
  return readRows(env(), prismaSql(database.db), node.id, metadata, { offset, limit });
}
