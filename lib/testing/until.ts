// Tests wait for readiness, never for a fixed time: a row, a log line, a process, with a deadline.

type Falsy = false | null | undefined | 0 | "";

/**
 * Asks `probe` every `everyMs` until it answers something truthy, and returns that; past
 * `timeoutMs` it fails, naming `what` it waited for.
 */
export async function until<T>(
  probe: () => T | Promise<T>,
  {
    what = "the condition",
    timeoutMs = 30_000,
    everyMs = 100,
  }: { what?: string; timeoutMs?: number; everyMs?: number } = {},
): Promise<Exclude<T, Falsy>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Exclude<T, Falsy>;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs / 1000} s for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
