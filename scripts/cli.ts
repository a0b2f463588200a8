import { CommandError } from "@/lib/auth/admin-commands";
import { StartupError } from "@/lib/db/connection";
import { MigrationError } from "@/lib/db/migrate";
import { EnvError } from "@/lib/env";

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
