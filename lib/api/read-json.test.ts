import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, readJson } from "./read-json";

const post = (body: string) =>
  new Request("http://app.test/api/x", {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });

async function refusal(body: string): Promise<string | null> {
  return readJson(post(body)).then(
    () => null,
    (error: Error) => error.message,
  );
}

describe("readJson", () => {
  it("reads JSON", async () => {
    await expect(readJson(post('{"a":[1,"x"]}'))).resolves.toEqual({ a: [1, "x"] });
  });

  it.each([
    ['{"name":"a\\u0000b"}', "name"],
    ['{"nodes":[{"nodeId":"\\ud800"}]}', "nodes.0.nodeId"],
    ['{"x":{"\\u0000":1}}', "x.\u0000"],
    ['"\\udc00"', "(the body)"],
  ])("refuses a string PostgreSQL cannot store in %s, naming where", async (body, where) => {
    expect(await refusal(body)).toBe(
      `Invalid request. ${where}: contains a NUL character or a lone UTF-16 surrogate, which cannot be stored.`,
    );
  });

  it("accepts a well-formed surrogate pair", async () => {
    await expect(readJson(post('{"emoji":"\\ud83d\\ude00"}'))).resolves.toEqual({ emoji: "😀" });
  });

  it("refuses JSON nested too deeply, empty bodies and non-JSON", async () => {
    expect(await refusal(`${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`)).toMatch(
      /nested more than/,
    );
    expect(await refusal("")).toMatch(/empty/);
    expect(await refusal("{nope")).toMatch(/not valid JSON/);
  });
});
