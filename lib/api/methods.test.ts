import { describe, expect, it } from "vitest";
import { otherMethods } from "./methods";

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
