import { defineConfig } from "prisma/config";

// Prisma's CLI is used here only for `generate`, which needs no database; the placeholder keeps it
// working when DATABASE_URL is unset (the embedded default). Migrations run through lib/db/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/queryflow" },
});
