import { setTimeout as sleep } from "node:timers/promises";
import type { Executor } from "./types";

/** Waits `milliseconds` (abortable), then passes `passthrough` on. */
export const runDelay: Executor = async ({ params, signal }) => {
  const milliseconds = Number(params.milliseconds ?? 0);
  await sleep(milliseconds, undefined, { signal });
  return { type: "json", value: { waited_ms: milliseconds, passthrough: params.passthrough ?? null } };
};

/** Returns its parameters. */
export const runEcho: Executor = async ({ params }) => ({
  type: "json",
  value: { message: params.message ?? null, value: params.value ?? null },
});
