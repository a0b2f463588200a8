// The web app's HTTP server (started by `npm start`): Next.js behind a plain Node server that knows
// the TCP peer, which Next.js does not pass on (it only fills X-Forwarded-For when a client left it
// empty). The client address it resolves is the one the auth rate limits count.
import { createServer } from "node:http";
import next from "next";
import { appUrl, parseEnv } from "@/lib/env";
import { CLIENT_IP_HEADER, clientIp, trustedProxies } from "@/lib/security/client-ip";
import { securityHeaders } from "@/lib/security/headers";
import { exitWithError } from "./cli";

async function main() {
  const env = parseEnv(process.env);
  const proxies = trustedProxies(env.TRUSTED_PROXIES);
  const app = next({ dev: false, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const headers = Object.entries(securityHeaders(appUrl(env)));
  const server = createServer((req, res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    const forwarded = req.headers["x-forwarded-for"];
    req.headers[CLIENT_IP_HEADER] = clientIp(
      req.socket.remoteAddress ?? "",
      Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
      proxies,
    );
    void handle(req, res);
  });
  // Node closes an idle kept-alive connection after 5 s, so a client or proxy that reuses one at that
  // moment gets ECONNRESET. Outlive the pools in front of us (nginx and most load balancers: 60 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(env.PORT);
  // The in-process worker exits the process once its running nodes have finished or been handed back
  // (lib/worker/start-from-env.ts); without one, nothing else is left to wait for.
  const stop = () => {
    server.close();
    server.closeAllConnections();
    if (!env.WORKER_IN_PROCESS) process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch(exitWithError);
