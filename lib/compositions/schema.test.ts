import { describe, expect, it } from "vitest";
import { compositionDocumentSchema, compositionLimits } from "./schema";

const conditional = (nodeId: string, conditionExpression: string) => ({
  nodeId,
  templateId: "echo",
  isConditional: true,
  conditionExpression,
});

describe("compositionDocumentSchema's cost bounds", () => {
  it("refuses a condition longer than the limit, naming it", () => {
    const result = compositionDocumentSchema.safeParse({
      name: "Long",
      nodes: [conditional("a", "1+".repeat(compositionLimits.expressionLength))],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["nodes", 0, "conditionExpression"]);
  });

  it("refuses a document whose conditions together exceed the limit (1,600 × 10,000 characters took 14.5 s)", () => {
    const each = "1".repeat(compositionLimits.expressionLength);
    const count = compositionLimits.expressionsTotalLength / compositionLimits.expressionLength + 1;
    const result = compositionDocumentSchema.safeParse({
      name: "Many",
      nodes: Array.from({ length: count }, (_, i) => conditional(`n${i}`, each)),
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["nodes"],
      message: expect.stringMatching(/together/),
    });
  });

  it("accepts conditions up to the limits", () => {
    const count = compositionLimits.expressionsTotalLength / compositionLimits.expressionLength;
    const result = compositionDocumentSchema.safeParse({
      name: "Enough",
      nodes: Array.from({ length: count }, (_, i) =>
        conditional(`n${i}`, "1".repeat(compositionLimits.expressionLength)),
      ),
    });
    expect(result.success).toBe(true);
  });
});
