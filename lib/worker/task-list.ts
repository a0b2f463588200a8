import type { JobHelpers, TaskList } from "graphile-worker";
import { type TaskKey, type TaskPayload, tasks } from "@/lib/jobs/tasks";

/** A handler for every task of the catalog, each given its payload parsed with the task's schema. */
export type Handlers = { [K in TaskKey]: (payload: TaskPayload<K>, helpers: JobHelpers) => Promise<void> };

/**
 * graphile-worker's task list from the catalog: a job whose payload does not fit its task's schema
 * fails (and is retried up to its limit) instead of reaching the handler.
 */
export function taskList(handlers: Handlers): TaskList {
  return Object.fromEntries(
    (Object.keys(tasks) as TaskKey[]).map((key) => {
      const handle = handlers[key] as (payload: unknown, helpers: JobHelpers) => Promise<void>;
      return [
        tasks[key].name,
        (payload: unknown, helpers: JobHelpers) => handle(tasks[key].payload.parse(payload), helpers),
      ];
    }),
  );
}
