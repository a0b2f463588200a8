import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { freePort } from "./free-port";

/**
 * A real S3-compatible server (s3rver) on a free local port with one empty bucket, for the `s3`
 * result store in tests and benchmarks; `env` is what QueryFlow needs to use it.
 */
export async function startS3Server() {
  const directory = mkdtempSync(path.join(tmpdir(), "queryflow-s3-"));
  const port = await freePort();
  const bucket = "queryflow-results";
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  await server.run();
  const env = {
    RESULTS_STORE: "s3",
    RESULTS_S3_URL: `http://127.0.0.1:${port}`,
    RESULTS_S3_BUCKET: bucket,
    RESULTS_S3_ACCESS_KEY_ID: "S3RVER",
    RESULTS_S3_SECRET_ACCESS_KEY: "S3RVER",
  };
  return {
    env,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
