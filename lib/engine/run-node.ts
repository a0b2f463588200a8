import type pg from "pg";
import { nodeSettingsSchema } from "@/lib/compositions/node-settings";
import { nodeName } from "@/lib/compositions/schema";
import { parseCondition } from "@/lib/compositions/validation/condition";
import { DataSourceError } from "@/lib/data-sources/drivers/driver";
import type { DataSourceDeps } from "@/lib/data-sources/service";
import type { Db } from "@/lib/db/client";
import { retryWhileUnavailable } from "@/lib/db/retry";
import { inTransaction, pgSql } from "@/lib/db/sql";
import type { Env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueNode, requeueBehind } from "@/lib/jobs/queue";
import { tasks } from "@/lib/jobs/tasks";
import { evaluateExpression } from "@/lib/sandbox/evaluate";
import { executors } from "@/lib/templates/kinds";
import {
  ExecutorError,
  type ExecutorResult,
  type InputTable,
  type LogLevel,
  whenAborted,
} from "@/lib/templates/kinds/types";
import type { TemplateKind } from "@/lib/templates/types";
import { AttemptLog, columns, type LogLine } from "./attempt-log";
import { attemptOutcome } from "./attempt-outcome";
import { type NodeSlots, runnerOf } from "./node-slots";
import { applyRule, isNoValue, resolveParameters, valueAtPath } from "./resolve";
import {
  allRows,
  parquetOf,
  type ResultFile,
  type ResultMetadata,
  settleResultFile,
  storedJson,
  storeResult,
  writeResultFile,
} from "./results";
import { loadRunPlan, type RunPlan } from "./snapshot";
import { loadTemplateVersion, sqlRunner } from "./template-version";

export interface EngineDeps {
  /** Reads of results and templates. */
  db: Db;
  /** The engine's bookkeeping: claim, heartbeat, and the finishing transaction. */
  pool: pg.Pool;
  /** Connections for the sample warehouse's SQL templates (sized for the worker's concurrency). */
  warehouse: pg.Pool;
  /** How other data sources are reached (settings, the key that opens their passwords). */
  dataSources: DataSourceDeps;
  env: Env;
  /** This worker's slots per user. */
  slots: NodeSlots;
}

interface Claimed {
  id: string;
  attempt: number;
  max_retries: number;
  /** Null for a standalone workflow's execution: a node on its own, parameters in `input`. */
  composition_execution_id: string | null;
  composition_node_id: string | null;
  template_id: string;
  input: Record<string, unknown> | null;
}

const STANDALONE_NODE = "workflow";

/** The plan of a standalone execution: one node, no mappings or globals, its own parameters. */
function standalonePlan(claimed: Claimed): RunPlan {
  const node = {
    nodeId: STANDALONE_NODE,
    templateId: claimed.template_id,
    label: "",
    position: { x: 0, y: 0 },
    config: { maxRetries: claimed.max_retries },
    parameterOverrides: {},
    isConditional: false,
    conditionExpression: null,
  };
  return {
    executionId: claimed.id,
    parameters: claimed.input ?? {},
    globals: {},
    mappings: {},
    templateVersions: {},
    nodes: new Map([[STANDALONE_NODE, node]]),
    tables: {},
  };
}

/** Why an attempt stopped early; only a timeout counts as the node's failure. */
class Stop extends Error {
  constructor(
    readonly kind: "timeout" | "lost" | "shutdown",
    message: string,
  ) {
    super(message);
  }
}

/**
 * The `run_node` task. Idempotent: it claims its row (pending|queued → running) or does nothing.
 * It resolves the parameters, evaluates the condition, runs the executor under a timeout with a
 * heartbeat, then in one transaction stores the result, marks the row and advances the run.
 */
export async function runNode(
  deps: EngineDeps,
  payload: unknown,
  job: { workerId: string; abortSignal: AbortSignal; flags: Record<string, unknown> | null },
): Promise<void> {
  const { nodeExecutionId } = tasks.runNode.payload.parse(payload);
  const runner = runnerOf(job.flags);
  if (!deps.slots.tryTake(runner)) {
    // Fetched in the instant before the user's last slot here was taken: the job is put back behind
    // other users' due jobs (a lower priority), and this worker fetches it once the user's slot frees.
    await requeueBehind(pgSql(deps.pool), nodeExecutionId);
    return;
  }
  try {
    await claimAndRun(deps, nodeExecutionId, job);
  } finally {
    deps.slots.release(runner);
  }
}

async function claimAndRun(
  deps: EngineDeps,
  nodeExecutionId: string,
  job: { workerId: string; abortSignal: AbortSignal },
): Promise<void> {
  const {
    rows: [claimed],
  } = await deps.pool.query<Claimed>({
    // Named, so each connection parses and plans it once: it is on the hand-off's path.
    name: "claim_node",
    text: `UPDATE workflow_executions
     SET status = 'running', attempt = attempt + 1, started_at = clock_timestamp(), heartbeat_at = now(),
         worker_id = $2, error = NULL, updated_at = now()
     WHERE id = $1::uuid AND status IN ('pending', 'queued')
     RETURNING id, attempt, max_retries, composition_execution_id, composition_node_id, template_id, input`,
    values: [nodeExecutionId, job.workerId],
  });
  if (!claimed) return;
  const { db, env } = deps;
  const started = Date.now();
  const attemptLog = new AttemptLog(deps.pool, claimed.id, claimed.composition_execution_id);
  attemptLog.add("info", `Attempt ${claimed.attempt} started`);
  const log = (level: LogLevel, message: string, data?: unknown) => attemptLog.add(level, message, data);
  const controller = new AbortController();
  const stop = (reason: Stop) => controller.abort(reason);
  const onShutdown = () => stop(new Stop("shutdown", "The worker is shutting down."));
  job.abortSignal.addEventListener("abort", onShutdown, { once: true });
  // The heartbeat also notices a cancel: the row is then no longer ours and running.
  const heartbeat = setInterval(async () => {
    void attemptLog.flush();
    const beaten = await deps.pool
      .query(
        "UPDATE workflow_executions SET heartbeat_at = now() WHERE id = $1::uuid AND status = 'running' AND worker_id = $2",
        [claimed.id, job.workerId],
      )
      .then(
        (result) => result.rowCount,
        () => 1,
      );
    if (beaten === 0) stop(new Stop("lost", "The node execution was cancelled or taken over."));
  }, 1000);

  let input: Record<string, unknown> = {};
  let sources: Record<string, unknown> = {};
  try {
    const plan = claimed.composition_execution_id
      ? await loadRunPlan(pgSql(deps.pool), claimed.composition_execution_id)
      : standalonePlan(claimed);
    const node = plan.nodes.get(claimed.composition_node_id ?? STANDALONE_NODE)!;
    const template = await loadTemplateVersion(
      db,
      claimed.template_id,
      node.templateVersion ?? plan.templateVersions[claimed.template_id] ?? null,
    );
    const settings = nodeSettingsSchema.parse(node.config);
    const timeoutMs = settings.timeoutMs ?? env.NODE_TIMEOUT_MS;
    const timer = setTimeout(() => stop(new Stop("timeout", `Timed out after ${timeoutMs} ms.`)), timeoutMs);

    try {
      const upstream = upstreamData(deps, plan.executionId);
      const mapped: Record<string, { value: unknown; from: string }> = {};
      /** Why a mapped parameter has no value, in words naming its upstream. */
      const emptyBecause: Record<string, string> = {};
      for (const [param, mapping] of Object.entries(plan.mappings[node.nodeId] ?? {})) {
        const rows = await upstream.rows(mapping.sourceNodeId);
        if (!rows) continue; // an optional upstream that did not complete: the node runs without it
        const value = applyRule(
          mapping.rule,
          rows.map((row) => valueAtPath(row, mapping.sourceField)),
        );
        mapped[param] = {
          value: value ?? null,
          from: `${mapping.sourceNodeId}.${mapping.sourceField} (${mapping.rule})`,
        };
        const source = nodeName(plan.nodes.get(mapping.sourceNodeId) ?? { nodeId: mapping.sourceNodeId });
        if (isNoValue(value))
          emptyBecause[param] = rows.length
            ? `"${source}" gave no ${mapping.sourceField} in its ${rows.length === 1 ? "row" : `${rows.length} rows`}`
            : `"${source}" returned no rows`;
      }
      const resolved = resolveParameters({
        specs: template.parameters,
        mapped,
        overrides: node.parameterOverrides,
        runParameters: plan.parameters,
        globals: plan.globals,
      });
      input = resolved.values;
      sources = resolved.sources;
      // A mapped parameter whose upstream gave nothing: an optional one says so in the node's inputs;
      // a required one fails the node (below, once its condition holds) rather than answer for a
      // value nobody gave.
      const unfed = template.parameters.filter(
        (spec) => emptyBecause[spec.name] && resolved.sources[spec.name]?.source === "mapping",
      );
      for (const spec of unfed)
        if (!spec.required)
          resolved.sources[spec.name]!.from += ` — ${emptyBecause[spec.name]}: runs without a value`;
      const missing = unfed.find((spec) => spec.required);

      if (node.isConditional && node.conditionExpression) {
        const context: Record<string, unknown> = {};
        const parsed = parseCondition(node.conditionExpression);
        for (const name of "names" in parsed ? parsed.names : []) context[name] = await upstream.value(name);
        const holds = await evaluateExpression(node.conditionExpression, context, controller.signal);
        if (!holds) {
          log("info", `Condition is false: ${node.conditionExpression}`);
          await finish(deps, claimed, job.workerId, {
            status: "skipped",
            input,
            sources,
            logs: await attemptLog.rest(),
            started,
            error: "Skipped: its condition is false.",
          });
          return;
        }
      }

      if (missing)
        throw new ExecutorError(`${emptyBecause[missing.name]}, so \`${missing.name}\` has no value.`);
      const result = await Promise.race([
        executors[template.kind as TemplateKind]({
          params: input,
          definition: template.definition,
          outputs: template.outputs,
          signal: controller.signal,
          log,
          sql: sqlRunner(deps, template.dataSourceId),
          inputTables: () => upstream.tables(plan.tables[node.nodeId] ?? []),
          env,
        }),
        whenAborted(controller.signal),
      ]);
      if (result.type === "json") assertJsonResultSize(result.value, env.RESULT_MAX_JSON_BYTES);
      const file = result.type === "table" ? await resultFileOf(env, result) : null;
      await finish(deps, claimed, job.workerId, {
        status: "completed",
        input,
        sources,
        logs: await attemptLog.rest(),
        started,
        result,
        file,
      });
    } finally {
      clearTimeout(timer);
    }
  } catch (caught) {
    const reason = controller.signal.aborted ? controller.signal.reason : caught;
    if (reason instanceof Stop && reason.kind === "lost") return;
    if (reason instanceof Stop && reason.kind === "shutdown") {
      await release(deps.pool, claimed, job.workerId);
      return;
    }
    const message = reason instanceof Error ? reason.message : String(reason);
    // An error the executor knows would recur (bad SQL, a 404, a required value missing) fails the
    // node at once; a timeout, a lost connection or anything unforeseen is tried again.
    const recurs = reason instanceof ExecutorError && !reason.transient;
    const outcome = attemptOutcome(
      { attempt: claimed.attempt, maxRetries: claimed.max_retries },
      { recurs },
      deps.env.RETRY_BASE_DELAY_MS,
    );
    log(outcome.status === "queued" ? "warn" : "error", `Attempt ${claimed.attempt} failed: ${message}`);
    await finish(deps, claimed, job.workerId, {
      ...outcome,
      input,
      sources,
      logs: await attemptLog.rest(),
      started,
      error: message,
    });
  } finally {
    clearInterval(heartbeat);
    job.abortSignal.removeEventListener("abort", onShutdown);
  }
}

/** A table result as its Parquet file; one that cannot be written (a value its column's type refuses) fails the node. */
async function resultFileOf(env: Env, result: Extract<ExecutorResult, { type: "table" }>) {
  try {
    return await writeResultFile(env, result);
  } catch (error) {
    if (error instanceof DataSourceError)
      throw new ExecutorError(`The result could not be stored: ${error.message}`, {
        transient: error.transient,
      });
    throw error;
  }
}

/**
 * A JSON result is kept in its node execution's row and read whole by every dependent: past
 * `RESULT_MAX_JSON_BYTES` the node fails rather than storing it (tables are capped by SQL_MAX_ROWS).
 */
function assertJsonResultSize(value: unknown, maxBytes: number): void {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? "null");
  if (bytes > maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw new ExecutorError(
      `The result is ${mb(bytes)} of JSON; a JSON result may be at most ${mb(maxBytes)}.`,
    );
  }
}

/** Outputs of the run's completed nodes, each loaded once and only when a mapping or condition reads it. */
function upstreamData(deps: EngineDeps, executionId: string) {
  const { db, env } = deps;
  const sql = pgSql(deps.pool);
  const executions = new Map<string, Promise<UpstreamRow | null>>();
  const rows = new Map<string, Promise<unknown[]>>();
  const executionOf = (nodeId: string) => {
    if (!executions.has(nodeId)) {
      executions.set(
        nodeId,
        db.workflowExecution.findFirst({
          where: { compositionExecutionId: executionId, compositionNodeId: nodeId, status: "completed" },
          select: { id: true, output: true, resultMetadata: true },
        }),
      );
    }
    return executions.get(nodeId)!;
  };
  const rowsOf = async (nodeId: string) => {
    const execution = await executionOf(nodeId);
    if (!execution) return undefined;
    if (!rows.has(nodeId)) rows.set(nodeId, allRows(env, sql, execution));
    return rows.get(nodeId)!;
  };
  return {
    rows: rowsOf,
    /** The table results of these upstreams under their aliases; each must have completed with one. */
    async tables(inputs: { alias: string; sourceNodeId: string }[]): Promise<InputTable[]> {
      return Promise.all(
        inputs.map(async ({ alias, sourceNodeId }) => {
          const execution = await executionOf(sourceNodeId);
          const metadata = execution?.resultMetadata as ResultMetadata | null | undefined;
          if (metadata?.type !== "table" || !metadata.columns.length)
            throw new ExecutorError(
              !execution
                ? `Table ${alias}: its node "${sourceNodeId}" has no result in this run.`
                : metadata?.type === "table"
                  ? `Table ${alias}: its node "${sourceNodeId}" gave rows with no columns.`
                  : `Table ${alias}: its node "${sourceNodeId}" gave a JSON value, not a table.`,
            );
          return {
            alias,
            columns: metadata.columns,
            path: await parquetOf(env, sql, execution!.id, metadata),
          };
        }),
      );
    },
    /** A table as its rows, a JSON output as itself. */
    async value(nodeId: string) {
      const execution = await executionOf(nodeId);
      if (!execution) return undefined;
      return (execution.resultMetadata as { type?: string } | null)?.type === "table"
        ? rowsOf(nodeId)
        : execution.output;
    },
  };
}

type UpstreamRow = { id: string; output: Prisma.JsonValue; resultMetadata: Prisma.JsonValue };

interface Outcome {
  status: "completed" | "failed" | "skipped" | "queued";
  /** When a queued retry may start (attemptOutcome's backoff). */
  retryAt?: Date;
  input: Record<string, unknown>;
  sources: Record<string, unknown>;
  logs: LogLine[];
  started: number;
  result?: ExecutorResult;
  /** A table result's Parquet file, written and not stored yet. */
  file?: ResultFile | null;
  error?: string;
}

/**
 * Records an attempt's outcome — only while the row is still this worker's and running (a cancel in
 * between wins) — and moves the run on: a retry is queued to start at its `retryAt`; a final outcome
 * advances the run. One statement (queryflow_finish_node) unless a table result is stored with it:
 * this is the hand-off from a node to its dependents, and every round trip here delays them.
 */
async function finish(deps: EngineDeps, claimed: Claimed, workerId: string, outcome: Outcome): Promise<void> {
  const record = (client: pg.Pool | pg.PoolClient, stored?: Awaited<ReturnType<typeof storeResult>>) =>
    client.query<{ ours: boolean }>({
      name: "finish_node",
      text: `SELECT queryflow_finish_node($1::uuid, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb, $8, $9::int,
         $10::text[], $11::text[], $12::jsonb[], $13::timestamptz[], $14::timestamptz) AS ours`,
      values: [
        claimed.id,
        workerId,
        outcome.status,
        JSON.stringify(outcome.input),
        JSON.stringify(outcome.sources),
        stored ? JSON.stringify(stored.output ?? null) : null,
        stored ? JSON.stringify(stored.metadata) : null,
        outcome.error ?? null,
        Date.now() - outcome.started,
        ...columns(outcome.logs),
        outcome.retryAt ?? null,
      ],
    });
  const { result, file } = outcome;
  let stored: Awaited<ReturnType<typeof storeResult>> | undefined;
  let settled: "committed" | "rolled back" | "unknown" = "unknown";
  const write = async () => {
    if (result?.type !== "table") {
      // A JSON result lives in the row itself: nothing is written before it, so no transaction.
      await record(deps.pool, result && storedJson(result.value));
      return;
    }
    // A table's file is stored first; a row that is no longer ours rolls it back.
    settled = "unknown";
    await inTransaction(deps.pool, async (client) => {
      stored = await storeResult(client, deps.env, claimed.id, result, file ?? null);
      const { rows } = await record(client, stored);
      if (!rows[0]!.ours) throw new NotOurs();
    }).then(
      () => {
        settled = "committed";
      },
      (error) => {
        if (!(error instanceof NotOurs)) throw error;
        settled = "rolled back";
      },
    );
  };
  // The work is done: a database restart meanwhile must not lose it. Past the heartbeat timeout the
  // sweeper has handed the node to another worker anyway, and the write would find it no longer ours.
  let warned = false;
  try {
    await retryWhileUnavailable(write, deps.env.HEARTBEAT_TIMEOUT_MS, () => {
      if (!warned)
        console.error(`worker: the database is unavailable; retrying to record node execution ${claimed.id}`);
      warned = true;
    });
  } finally {
    if (file) await settleResultFile(deps.env, file, claimed.id, stored, settled);
  }
}

class NotOurs extends Error {}

/** On shutdown: hands the node back (queued, job re-added) for another worker to run from the start. */
async function release(pool: pg.Pool, claimed: Claimed, workerId: string): Promise<void> {
  await inTransaction(pool, async (sql) => {
    const { rows } = await sql.query(
      `UPDATE workflow_executions SET status = 'queued', worker_id = NULL, attempt = attempt - 1, updated_at = now()
       WHERE id = $1::uuid AND status = 'running' AND worker_id = $2 RETURNING id`,
      [claimed.id, workerId],
    );
    if (rows.length) await enqueueNode(sql, claimed.id);
  });
}
