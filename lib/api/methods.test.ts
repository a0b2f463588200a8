import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_METHODS, otherMethods } from "./methods";

/** The HTTP methods a route file exports, however it exports them. */
function exportedMethods(source: string): string[] {
  const names = [...source.matchAll(/^export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/gm)].map(
    (match) => match[1]!,
  );
  for (const [, list] of source.matchAll(/^export (?:const )?\{([^}]+)\}/gm)) {
    names.push(
      ...list!.split(",").map(
        (name) =>
          name
            .trim()
            .split(/\s+as\s+/)
            .at(-1)!,
      ),
    );
  }
  return names.filter((name) => (HTTP_METHODS as readonly string[]).includes(name)).sort();
}

describe("API routes", () => {
  const files = readdirSync("app/api", { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => path.join("app/api", file));

  it("are found", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)("%s answers every method: its own, or 405 in the error envelope", (file) => {
    expect(exportedMethods(readFileSync(file, "utf8"))).toEqual([...HTTP_METHODS].sort());
  });
});

describe("otherMethods", () => {
  it("answers 405 in the error envelope, naming the methods the route has", async () => {
    const { PATCH } = otherMethods("GET", "POST");
    const response = PATCH(new Request("http://localhost/api/things", { method: "PATCH" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect(await response.json()).toEqual({
      error: { code: "method_not_allowed", message: "PATCH is not allowed here: use GET or POST." },
    });
  });
});
