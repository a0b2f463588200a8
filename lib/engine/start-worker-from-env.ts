import { env } from "@/lib/env";
import { startWorker } from "./worker";

/**
 * Starts the worker inside this process unless WORKER_IN_PROCESS is false (or there is no database
 * yet, as during a build); stops it on SIGTERM/SIGINT, letting running nodes finish or hand back.
 */
export async function startWorkerFromEnv(): Promise<void> {
  const current = env();
  if (!current.WORKER_IN_PROCESS || !current.DATABASE_URL) return;
  const worker = await startWorker({ connectionString: current.DATABASE_URL, env: current });
  const stop = () => void worker.stop();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
