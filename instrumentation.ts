// Next.js calls register() once when the server starts: the execution worker runs in the web
// process by default (the database is up by then: `npm start` starts it first).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startWorkerFromEnv } = await import("@/lib/worker/start-from-env");
  await startWorkerFromEnv();
}
