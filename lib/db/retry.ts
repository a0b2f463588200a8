import { isDatabaseUnavailable } from "./unavailable";

/**
 * Runs `write` and, while the database is unavailable (restarting, failing over), runs it again with
 * backoff — 0.25 s doubling to 5 s — for up to `forMs`; any other error, or one past that, is thrown.
 * For work already done whose outcome must not be lost to a short outage.
 */
export async function retryWhileUnavailable<T>(
  write: () => Promise<T>,
  forMs: number,
  onRetry: (error: unknown) => void = () => {},
): Promise<T> {
  const deadline = Date.now() + forMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + delay > deadline) throw error;
      onRetry(error);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
