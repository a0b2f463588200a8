// npm run worker — a worker process on its own (more capacity, or another machine). It uses
// DATABASE_URL, or the embedded PostgreSQL that `npm start` runs on this machine.
import { checkConnection } from "@/lib/db/connection";
import { embeddedUrl } from "@/lib/db/embedded";
import { parseEnv } from "@/lib/env";
import { appSecrets } from "@/lib/start/secret";
import { startWorker } from "@/lib/worker/worker";
import { exitWithError } from "./cli";

try {
  const current = parseEnv(process.env);
  const url =
    current.DATABASE_URL ?? embeddedUrl(current.EMBEDDED_POSTGRES_DIR, current.EMBEDDED_POSTGRES_PORT);
  await checkConnection(url);
  // The key that opens data-source passwords: the one `npm start` generated, when not configured.
  const env = { ...current, ...appSecrets(current) };
  const worker = await startWorker({ connectionString: url, env });
  console.log(
    `queryflow worker: running ${current.WORKER_CONCURRENCY} node executions at a time (Ctrl-C to stop)`,
  );
  const stop = async () => {
    await worker.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  exitWithError(error);
}
