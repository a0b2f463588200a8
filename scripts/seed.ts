// npm run db:seed — load the sample warehouse, the template catalog and the demo composition.
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/open-database";
import { parseEnv } from "@/lib/env";
import { seed } from "@/lib/start/seed";
import { exitWithError } from "./cli";

try {
  const database = await openDatabase(parseEnv(process.env));
  const prisma = createDb(database.url, { max: 2 });
  try {
    await migrate(database.url);
    await seed(prisma, database.url, (line) => console.log(line));
    console.log("seed complete");
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
} catch (error) {
  exitWithError(error);
}
