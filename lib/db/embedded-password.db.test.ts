import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/free-port";
import { embeddedUrl, passwordFileOf, startEmbeddedPostgres } from "./embedded";

const dir = mkdtempSync(path.join(tmpdir(), "queryflow-password-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(passwordFileOf(dir), { force: true });
});

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const legacyUrl = (port: number) => `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;

describe("the embedded PostgreSQL's superuser password", () => {
  it("is random, kept beside the data directory with mode 0600, and the old fixed one is refused", async () => {
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dir, port });
    try {
      expect(statSync(passwordFileOf(dir)).mode & 0o777).toBe(0o600);
      expect(await canConnect(embeddedUrl(dir, port, "postgres"))).toBe(true);
      expect(await canConnect(legacyUrl(port))).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it("replaces the fixed password of a data directory made before passwords were generated", async () => {
    const port = await freePort();
    // Turn the directory back into one of the old kind: legacy password, no password file.
    let server = await startEmbeddedPostgres({ dir, port });
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    await client.query("ALTER ROLE postgres PASSWORD 'postgres'");
    await client.end();
    await server.stop();
    rmSync(passwordFileOf(dir));

    server = await startEmbeddedPostgres({ dir, port });
    try {
      expect(await canConnect(legacyUrl(port))).toBe(false);
      expect(await canConnect(server.adminUrl)).toBe(true);
      expect(server.adminUrl).toBe(embeddedUrl(dir, port, "postgres"));
    } finally {
      await server.stop();
    }
  });
});
