import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

describe("the API description", () => {
  it("lints clean with Redocly's recommended rules: no error, no warning", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "openapi-")), "openapi.json");
    writeFileSync(file, JSON.stringify(openApiDocument()));
    const lint = spawnSync("npx", ["redocly", "lint", file, "--format=json"], { encoding: "utf8" });
    const report = JSON.parse(lint.stdout) as {
      totals: object;
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it("says what the server enforces: the composition id's pattern, an optional run body, CSV as text/csv", () => {
    type Content = Record<string, { schema: { properties?: Record<string, unknown> } }>;
    type Op = {
      operationId: string;
      requestBody?: { required: boolean; content: Content };
      responses: Record<string, { content?: Content }>;
    };
    const { paths } = JSON.parse(JSON.stringify(openApiDocument())) as {
      paths: Record<string, Record<string, Op>>;
    };
    const create = paths["/api/compositions"]!.post!;
    expect(create.requestBody!.content["application/json"]!.schema.properties!.compositionId).toMatchObject({
      pattern: "^comp_[a-z0-9_]+$",
    });
    expect(paths["/api/compositions/{id}/executions"]!.post!.requestBody!.required).toBe(false);
    const csv = paths["/api/executions/{executionId}/nodes/{nodeId}/result.csv"]!.get!;
    expect(Object.keys(csv.responses["200"]!.content!)).toEqual(["text/csv"]);
    const ids = Object.values(paths).flatMap((operations) =>
      Object.values(operations).map((op) => op.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});
