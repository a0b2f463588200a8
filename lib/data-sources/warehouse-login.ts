import { DataSourceError } from "./drivers/driver";

let repairing: Promise<void> | undefined;

/**
 * Runs work on the sample warehouse; when its reader's login is refused (its password was changed
 * behind QueryFlow's back, or the database was restored without it), sets the reader's password
 * again from `app_secrets` (one repair at a time per process) and tries once more.
 */
export async function withWarehouseLogin<T>(repair: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DataSourceError && error.loginRefused)) throw error;
    repairing ??= repair().finally(() => {
      repairing = undefined;
    });
    await repairing;
    return work();
  }
}
