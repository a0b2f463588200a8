// Runs `prisma generate` offline. Prisma's CLI insists on a schema-engine binary it never uses for
// `generate`; where it cannot be downloaded, any existing file satisfies the check.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = ["/usr/bin/true", "/bin/true"].find(existsSync) ?? process.execPath;
}
execFileSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
