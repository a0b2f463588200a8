import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The directory beside the embedded PostgreSQL's data directory, where generated secrets live. */
export const secretsDir = (embeddedPostgresDir: string) => path.dirname(path.resolve(embeddedPostgresDir));

/** The secrets `npm start` and `npm run worker` hand to the processes they start, generated when unset. */
export function appSecrets(current: {
  BETTER_AUTH_SECRET?: string;
  QUERYFLOW_SECRET_KEY?: string;
  EMBEDDED_POSTGRES_DIR: string;
}) {
  const dir = secretsDir(current.EMBEDDED_POSTGRES_DIR);
  return {
    BETTER_AUTH_SECRET: loadOrCreateSecret("auth-secret", current.BETTER_AUTH_SECRET, dir),
    QUERYFLOW_SECRET_KEY: loadOrCreateSecret("secret-key", current.QUERYFLOW_SECRET_KEY, dir),
  };
}
