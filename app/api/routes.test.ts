import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_METHODS, type Operation } from "@/lib/api/contract";
import { openApiDocument } from "./openapi.json/document";
import { allOperations } from "./openapi.json/operations";

// Every endpoint is stated once, in its domain's contract (lib/*/api.ts): the route files serve
// exactly those operations, and the OpenAPI document describes every one of them.

/** Route files outside our contracts: the /api 404 catch-all and better-auth's own routes. */
const UNCONTRACTED = ["[...path]/route.ts", "auth/[...all]/route.ts"];
/** better-auth serves these (through its catch-all); the contract describes the ones a client needs. */
const servedByBetterAuth = (op: Operation) => op.path.startsWith("/api/auth/");

const routeFiles = readdirSync("app/api", { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "route.ts" && !UNCONTRACTED.includes(file))
  .sort();

/** app/api/compositions/[id]/route.ts → /api/compositions/{id} */
const pathOfFile = (file: string) =>
  `/api/${path.dirname(file)}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\/\.$/, "");

const key = (op: Pick<Operation, "method" | "path">) => `${op.method} ${op.path}`;

describe("the API routes and their contracts", () => {
  it("finds the route files", () => {
    expect(routeFiles.length).toBeGreaterThan(40);
  });

  it.each(routeFiles)(
    "%s answers every method, serving its path's operations and 405 for the rest",
    async (file) => {
      const module = (await import(`./${file}`)) as Record<string, { operation?: Operation }>;
      expect(
        Object.keys(module)
          .filter((name) => (HTTP_METHODS as readonly string[]).includes(name))
          .sort(),
      ).toEqual([...HTTP_METHODS].sort());
      const served = HTTP_METHODS.flatMap((method) => {
        const op = module[method]?.operation;
        return op ? [{ method, op }] : [];
      });
      for (const { method, op } of served) expect(key(op)).toBe(`${method} ${pathOfFile(file)}`);
      const contracted = allOperations.filter((op) => op.path === pathOfFile(file)).map(key);
      expect(served.map(({ op }) => key(op)).sort()).toEqual(contracted.sort());
    },
  );

  it("serves every operation of every contract through a route file", async () => {
    const served = new Set<string>();
    for (const file of routeFiles) {
      const module = (await import(`./${file}`)) as Record<string, { operation?: Operation }>;
      for (const method of HTTP_METHODS) {
        const op = module[method]?.operation;
        if (op) served.add(key(op));
      }
    }
    const unserved = allOperations.filter((op) => !servedByBetterAuth(op) && !served.has(key(op)));
    expect(unserved.map(key)).toEqual([]);
    expect(new Set(allOperations.map(key)).size).toBe(allOperations.length);
  });

  it("lists every documented operation in the OpenAPI document, once, with its status", () => {
    const { paths } = openApiDocument();
    const described = Object.entries(paths).flatMap(([where, operations]) =>
      Object.entries(operations).map(([verb, op]) => ({ key: `${verb.toUpperCase()} ${where}`, op })),
    );
    const documented = allOperations.filter((op) => !op.undocumented);
    expect(described.map((entry) => entry.key).sort()).toEqual(documented.map(key).sort());
    for (const op of documented) {
      const entry = described.find((candidate) => candidate.key === key(op))!;
      expect(Object.keys(entry.op.responses)).toContain(String(op.status));
    }
  });
});
