import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { progress } from "./report";

type Api = ((method: string, path: string, body?: unknown) => Promise<Record<string, any>>) & {
  /** The session cookie header, for a browser signed in as the same account. */
  cookie: string;
};

/**
 * Starts QueryFlow as `npm start` does (building first if needed) on its own ports and a throw-away
 * embedded PostgreSQL, for benchmarks that measure through HTTP.
 */
export async function startAppForBench(options: {
  port: number;
  postgresPort: number;
  /** Environment of the app beyond the defaults (a benchmark's raised limits, say). */
  env?: Record<string, string>;
}) {
  const dataDir = `.data/bench-${options.port}`;
  rmSync(dataDir, { recursive: true, force: true });
  const baseUrl = `http://localhost:${options.port}`;
  progress(`starting QueryFlow on ${baseUrl} (builds first when the build is stale)`);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    detached: true,
    env: {
      ...process.env,
      PORT: String(options.port),
      APP_URL: baseUrl,
      EMBEDDED_POSTGRES_PORT: String(options.postgresPort),
      EMBEDDED_POSTGRES_DIR: `${dataDir}/postgres`,
      AUTH_SIGN_IN_LIMIT: "1000",
      // Benchmarks sign up several accounts.
      SIGNUP: "open",
      // Result files' local copies go with the rest of the bench's data.
      RESULTS_CACHE_DIR: `${dataDir}/result-cache`,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // A bench that dies without stopping it (an uncaught error, Ctrl-C) takes the app with it.
  const orphaned = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {}
  };
  process.once("exit", orphaned);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      orphaned();
      process.exit(130);
    });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      if (output.includes("ready at")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`QueryFlow exited with ${code}:\n${output}`)));
  });

  return {
    baseUrl,
    /** Where its embedded PostgreSQL and generated secrets live. */
    dataDir,
    /** Resident memory of the web process (the server behind `npm start`), in MB. */
    webRssMb(): number {
      const { stdout } = spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(child.pid)], {
        encoding: "utf8",
      });
      const pid = stdout
        .split("\n")
        .find((line) => line.includes("scripts/serve.ts"))
        ?.trim()
        .split(/\s+/)[0];
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      return Number(status.match(/VmRSS:\s+(\d+)/)?.[1]) / 1024;
    },
    /** Signs up a new account and returns a JSON client carrying its session. */
    async signUp(): Promise<Api> {
      const id = randomUUID().slice(0, 8);
      const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: baseUrl },
        body: JSON.stringify({
          name: `bench ${id}`,
          email: `bench.${id}@example.com`,
          password: `pw-${id}-bench`,
        }),
      });
      if (!response.ok) throw new Error(`sign-up failed: ${response.status}`);
      const cookie = response.headers
        .getSetCookie()
        .map((value) => value.split(";")[0])
        .join("; ");
      const api = async (method: string, path: string, body?: unknown) => {
        const answer = await fetch(`${baseUrl}${path}`, {
          method,
          headers: { "content-type": "application/json", origin: baseUrl, cookie },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const json = await answer.json();
        if (!answer.ok)
          throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(json).slice(0, 300)}`);
        return json;
      };
      return Object.assign(api, { cookie });
    },
    async stop() {
      process.off("exit", orphaned);
      const exited = new Promise((resolve) => child.on("exit", resolve));
      process.kill(-child.pid!, "SIGINT");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
