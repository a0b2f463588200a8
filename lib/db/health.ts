import type { DbOrTx } from "./client";
import { isDatabaseUnavailable } from "./unavailable";

/** Whether the database answers a trivial query within `timeoutMs`. */
export async function databaseIsUp(db: DbOrTx, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return false;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
