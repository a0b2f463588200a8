// npm run secrets -- rotate: seals every stored secret (data-source passwords,
// webhook signing secrets) again with a new key. Uses DATABASE_URL,
// or the embedded PostgreSQL of an `npm start` on this machine.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { CommandError } from "@/lib/auth/admin-commands";
import { resealSecrets } from "@/lib/data-sources/rotate";
import type { Db } from "@/lib/db/client";
import { type Env, parseEnv } from "@/lib/env";
import { secretKeyFrom } from "@/lib/security/secret-box";
import { PREVIOUS_KEY_FILE, readSecret, SECRET_KEY_FILE, secretsDir, writeSecret } from "@/lib/start/secret";
import { exitWithError, openCommandDatabase } from "./cli";

const usage = `Usage: npm run secrets -- rotate
  Seals every data-source password and webhook signing secret again with a new key, in one transaction.
  With QUERYFLOW_SECRET_KEY unset, the key is the one npm start keeps in the data directory: a new one
  is made there (the old one stays as ${PREVIOUS_KEY_FILE} until every secret is sealed again, so an
  interrupted rotation loses nothing; run the command again to finish it).
  With QUERYFLOW_SECRET_KEY set, give the new key as QUERYFLOW_NEW_SECRET_KEY, then set
  QUERYFLOW_SECRET_KEY to it (and QUERYFLOW_PREVIOUS_SECRET_KEY to the old one while processes restart).`;

/** Rotates the key file npm start generated; finishes an interrupted rotation first. */
async function rotateKeyFile(db: Db, current: Env): Promise<string> {
  const dir = secretsDir(current.EMBEDDED_POSTGRES_DIR);
  const key = readSecret(SECRET_KEY_FILE, dir);
  if (!key) throw new CommandError(`No key in ${dir} yet: start QueryFlow once with \`npm start\`.`);
  const pending = readSecret(PREVIOUS_KEY_FILE, dir);
  if (pending) {
    await resealSecrets(db, [secretKeyFrom(key), secretKeyFrom(pending)], secretKeyFrom(key));
    rmSync(path.join(dir, PREVIOUS_KEY_FILE));
  }
  const next = randomBytes(32).toString("base64url");
  writeSecret(PREVIOUS_KEY_FILE, key, dir);
  writeSecret(SECRET_KEY_FILE, next, dir);
  const count = await resealSecrets(db, [secretKeyFrom(key)], secretKeyFrom(next));
  rmSync(path.join(dir, PREVIOUS_KEY_FILE));
  return `${count} secret(s) sealed with the new key in ${path.join(dir, SECRET_KEY_FILE)}. Restart QueryFlow.`;
}

async function rotateConfiguredKey(db: Db, current: Env): Promise<string> {
  const next = process.env.QUERYFLOW_NEW_SECRET_KEY;
  if (!next || next.length < 32)
    throw new CommandError(
      "QUERYFLOW_SECRET_KEY is set: give the new key (≥ 32 characters) as QUERYFLOW_NEW_SECRET_KEY.",
    );
  const ring = [current.QUERYFLOW_SECRET_KEY!, current.QUERYFLOW_PREVIOUS_SECRET_KEY]
    .filter((text): text is string => Boolean(text))
    .map(secretKeyFrom);
  const count = await resealSecrets(db, ring, secretKeyFrom(next));
  return `${count} secret(s) sealed with the new key. Now set QUERYFLOW_SECRET_KEY to it (and QUERYFLOW_PREVIOUS_SECRET_KEY to the old key until every process has restarted).`;
}

async function main() {
  const [command] = process.argv.slice(2);
  if (command !== "rotate") throw new CommandError(usage);
  const current = parseEnv(process.env);
  const db = await openCommandDatabase(current);
  try {
    console.log(
      current.QUERYFLOW_SECRET_KEY
        ? await rotateConfiguredKey(db, current)
        : await rotateKeyFile(db, current),
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch(exitWithError);
