import { createHash, randomBytes } from "node:crypto";

/** A random secret (`bytes` of entropy, base64url) after a prefix that says what it is. */
export const newSecretToken = (prefix = "", bytes = 32) =>
  `${prefix}${randomBytes(bytes).toString("base64url")}`;

/**
 * What is kept of a secret token: its SHA-256. The tokens are random and long, so a fast hash is as
 * good as a slow one, and a lookup by it is one indexed read.
 */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
