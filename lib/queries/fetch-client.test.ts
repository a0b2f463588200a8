import { describe, expect, it } from "vitest";
import { executionsApi } from "@/lib/engine/api";
import { urlOf } from "./fetch-client";

describe("urlOf", () => {
  it("fills the path from the operation, encoding each parameter as one segment", () => {
    expect(urlOf(executionsApi.result, { executionId: "e 1", nodeId: "a/b?c" })).toBe(
      "/api/executions/e%201/nodes/a%2Fb%3Fc/result",
    );
  });

  it("adds the query's given values and leaves out the undefined ones", () => {
    expect(
      urlOf(executionsApi.logs, { executionId: "e1" }, { nodeId: "n 1", after: undefined, limit: 5 }),
    ).toBe("/api/executions/e1/logs?nodeId=n+1&limit=5");
  });

  it("refuses a missing path parameter rather than calling a wrong URL", () => {
    expect(() => urlOf(executionsApi.get, {} as { executionId: string })).toThrow(/executionId/);
  });
});
