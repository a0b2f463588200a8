import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { Env } from "@/lib/env";

/** How long one S3 request may take: a hung server fails the write or read, never holds it forever. */
const REQUEST_MS = 60_000;
const bounded = () => ({ abortSignal: AbortSignal.timeout(REQUEST_MS) });

/** Keys one DeleteObjects request may name (S3's limit). */
const DELETE_BATCH = 1000;

/** Objects of one bucket on an S3-compatible server: the few calls the `s3` result store makes. */
export function s3Files(env: Env) {
  const bucket = env.RESULTS_S3_BUCKET!;
  const client = new S3Client({
    endpoint: env.RESULTS_S3_URL,
    region: env.RESULTS_S3_REGION,
    // Path-style URLs (endpoint/bucket/key) work on every S3-compatible server; virtual hosts need DNS.
    forcePathStyle: true,
    ...(env.RESULTS_S3_ACCESS_KEY_ID && env.RESULTS_S3_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.RESULTS_S3_ACCESS_KEY_ID,
            secretAccessKey: env.RESULTS_S3_SECRET_ACCESS_KEY,
          },
        }
      : {}),
  });
  return {
    async put(key: string, bytes: Buffer) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }), bounded());
    },
    async get(key: string): Promise<Buffer> {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), bounded());
      return Buffer.from(await answer.Body!.transformToByteArray());
    },
    async remove(keys: string[]) {
      for (let first = 0; first < keys.length; first += DELETE_BATCH) {
        const batch = keys.slice(first, first + DELETE_BATCH);
        await client.send(
          new DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
          bounded(),
        );
      }
    },
    /** Keys under `prefix` last written before `before`. */
    async list(prefix: string, before: Date): Promise<string[]> {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
          bounded(),
        );
        for (const object of page.Contents ?? [])
          if (object.Key && object.LastModified && object.LastModified < before) keys.push(object.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
  };
}
