import { CommandError } from "@/lib/auth/admin-commands";
import { createDb } from "@/lib/db/client";
import { checkConnection, StartupError } from "@/lib/db/connection";
import { embeddedUrl } from "@/lib/db/embedded";
import { MigrationError } from "@/lib/db/migrate";
import { type Env, EnvError } from "@/lib/env";

/** Prints a command's usage error or a known start-up failure as its one line (anything else with its stack) and exits 1. */
export function exitWithError(error: unknown): never {
  if (error instanceof CommandError) {
    console.error(error.message);
    process.exit(1);
  }
  const known = error instanceof StartupError || error instanceof EnvError || error instanceof MigrationError;
  console.error(known ? `queryflow: ${error.message}` : error);
  process.exit(1);
}

/** The database a command works on: DATABASE_URL, or the embedded one `npm start` runs here. */
export async function openCommandDatabase(current: Env) {
  const url =
    current.DATABASE_URL ?? embeddedUrl(current.EMBEDDED_POSTGRES_DIR, current.EMBEDDED_POSTGRES_PORT);
  await checkConnection(url);
  return createDb(url, { max: 1 });
}
