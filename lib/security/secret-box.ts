import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Secrets at rest (data-source passwords): AES-256-GCM, a fresh 96-bit nonce per secret, sealed as
// `v1.<key id>.<nonce>.<tag>.<ciphertext>` (base64url). The key id names the key that sealed it, so
// a rotation can tell old from new and a wrong key fails with a clear message, not garbage.

export interface SecretKey {
  id: string;
  bytes: Buffer;
}

/** A key from the configured text (QUERYFLOW_SECRET_KEY or the generated file): SHA-256 of it. */
export function secretKeyFrom(text: string): SecretKey {
  const bytes = createHash("sha256").update(text, "utf8").digest();
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
}

export function seal(plain: string, key: SecretKey): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, nonce);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", key.id, nonce, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** Opens a sealed secret with the key of the ring that sealed it (the current one, or the previous during a rotation). */
export function open(sealed: string, ring: SecretKey[]): string {
  const [version, keyId, nonce, tag, body] = sealed.split(".");
  if (version !== "v1" || !nonce || !tag || body === undefined)
    throw new Error("A stored secret is not in a form QueryFlow reads.");
  const key = ring.find((candidate) => candidate.id === keyId);
  if (!key)
    throw new Error(
      `A stored secret was sealed with key ${keyId}, which is not configured (the key is ${ring[0]?.id}): set QUERYFLOW_SECRET_KEY to the key it was sealed with.`,
    );
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(nonce, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
