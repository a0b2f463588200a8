// npm run db:migrate — apply pending migrations to DATABASE_URL, or to the embedded PostgreSQL.
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/open-database";
import { parseEnv } from "@/lib/env";
import { installJobQueue } from "@/lib/jobs/queue";
import { exitWithError } from "./cli";

try {
  const database = await openDatabase(parseEnv(process.env));
  try {
    const { applied } = await migrate(database.url, { log: (line) => console.log(line) });
    await installJobQueue(database.url);
    console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
  } finally {
    await database.stop();
  }
} catch (error) {
  exitWithError(error);
}
