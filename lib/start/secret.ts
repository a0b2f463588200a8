import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A secret the app needs: the configured value when set, otherwise one generated on first start and
 * kept in the data directory (mode 0600), so it survives restarts without any setup.
 */
export function loadOrCreateSecret(
  fileName: string,
  configured: string | undefined,
  dataDir: string,
): string {
  if (configured) return configured;
  const existing = readSecret(fileName, dataDir);
  if (existing) return existing;
  const secret = randomBytes(32).toString("base64url");
  writeSecret(fileName, secret, dataDir);
  return secret;
}

export const SECRET_KEY_FILE = "secret-key";
export const PREVIOUS_KEY_FILE = "secret-key.previous";

/** The directory beside the embedded PostgreSQL's data directory, where generated secrets live. */
export const secretsDir = (embeddedPostgresDir: string) => path.dirname(path.resolve(embeddedPostgresDir));

/** The secret in a file of the data directory, or undefined when there is none. */
export function readSecret(fileName: string, dataDir: string): string | undefined {
  const file = path.join(dataDir, fileName);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

/** Writes a secret file (mode 0600) whole or not at all: a crash leaves the old file or the new one. */
export function writeSecret(fileName: string, secret: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, fileName);
  writeFileSync(`${file}.tmp`, `${secret}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** The secrets `npm start` and `npm run worker` hand to the processes they start, generated when unset. */
export function appSecrets(current: {
  BETTER_AUTH_SECRET?: string;
  QUERYFLOW_SECRET_KEY?: string;
  EMBEDDED_POSTGRES_DIR: string;
}) {
  const dir = secretsDir(current.EMBEDDED_POSTGRES_DIR);
  return {
    BETTER_AUTH_SECRET: loadOrCreateSecret("auth-secret", current.BETTER_AUTH_SECRET, dir),
    QUERYFLOW_SECRET_KEY: loadOrCreateSecret(SECRET_KEY_FILE, current.QUERYFLOW_SECRET_KEY, dir),
    // Left by a rotation that has not finished: passwords it has not sealed again still open.
    ...(!current.QUERYFLOW_SECRET_KEY && readSecret(PREVIOUS_KEY_FILE, dir)
      ? { QUERYFLOW_PREVIOUS_SECRET_KEY: readSecret(PREVIOUS_KEY_FILE, dir) }
      : {}),
  };
}
