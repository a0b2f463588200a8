import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { open, seal, secretKeyFrom } from "@/lib/security/secret-box";
import { readSecret } from "@/lib/start/secret";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser } from "@/lib/testing/engine";
import { createDataSource } from "./service";

// `npm run secrets -- rotate` on the key npm start keeps in the data directory.
const dir = mkdtempSync(path.join(tmpdir(), "queryflow-keys-"));
const OLD = "the-old-key-of-this-installation-0123456789";
let database: TestDatabase;

function rotate() {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/secrets.ts", "rotate"], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      EMBEDDED_POSTGRES_DIR: path.join(dir, "postgres"),
      QUERYFLOW_SECRET_KEY: "",
    },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

async function passwordsOpenWith(key: string) {
  const rows = await database.db.dataSource.findMany({ where: { sealedPassword: { not: null } } });
  return rows.map((row) => open(row.sealedPassword!, [secretKeyFrom(key)]));
}

beforeAll(async () => {
  database = await createTestDatabase();
  const alice = await makeUser(database, "alice");
  const env = { ...parseEnv(process.env), QUERYFLOW_SECRET_KEY: OLD };
  for (const password of ["first-password", "second-password"]) {
    await createDataSource(
      database.db,
      alice,
      {
        name: password,
        kind: "postgres",
        connection: {
          host: "db.example.com",
          port: 5432,
          database: "shop",
          user: "analyst",
          password,
          sslMode: "require",
        },
        shared: false,
      },
      { env, warehouseReaderUrl: async () => database.url, repairWarehouseReader: async () => {} },
    );
  }
  writeFileSync(path.join(dir, "secret-key"), `${OLD}\n`, { mode: 0o600 });
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run secrets -- rotate", () => {
  it("seals every password with a new key file (mode 0600) and leaves no old key behind", async () => {
    expect(rotate()).toContain("2 secret(s) sealed with the new key");
    const next = readSecret("secret-key", dir)!;
    expect(next).not.toBe(OLD);
    expect(statSync(path.join(dir, "secret-key")).mode & 0o777).toBe(0o600);
    expect(readSecret("secret-key.previous", dir)).toBeUndefined();
    expect((await passwordsOpenWith(next)).sort()).toEqual(["first-password", "second-password"]);
    await expect(passwordsOpenWith(OLD)).rejects.toThrow(/sealed with key \w+, which is not configured/);
  });

  it("finishes a rotation that stopped halfway, losing no password", async () => {
    // As if the last run stopped after writing the new key: one password still sealed with the old.
    const halfway = readSecret("secret-key", dir)!;
    const newer = "a-key-written-before-the-crash-0123456789";
    writeFileSync(path.join(dir, "secret-key.previous"), `${halfway}\n`, { mode: 0o600 });
    writeFileSync(path.join(dir, "secret-key"), `${newer}\n`, { mode: 0o600 });
    const [first] = await database.db.dataSource.findMany({ where: { name: "first-password" } });
    await database.db.dataSource.update({
      where: { id: first!.id },
      data: { sealedPassword: seal("first-password", secretKeyFrom(newer)) },
    });

    rotate();
    const final = readSecret("secret-key", dir)!;
    expect([halfway, newer]).not.toContain(final);
    expect((await passwordsOpenWith(final)).sort()).toEqual(["first-password", "second-password"]);
    expect(readSecret("secret-key.previous", dir)).toBeUndefined();
  });
});
