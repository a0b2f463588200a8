import { env } from "@/lib/env";
import { startWorker } from "@/lib/worker/worker";

/**
 * Starts the worker inside this process unless WORKER_IN_PROCESS is false (or there is no database
 * yet, as during a build); on SIGTERM/SIGINT it lets running nodes finish or hands them back, then
 * ends the process.
 */
export async function startWorkerFromEnv(): Promise<void> {
  const current = env();
  if (!current.WORKER_IN_PROCESS || !current.DATABASE_URL) return;
  const worker = await startWorker({ connectionString: current.DATABASE_URL, env: current });
  const stop = () => void worker.stop().finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
