import { describe, expect, it } from "vitest";
import type { AppError } from "./errors";
import { assertSameOriginWrite } from "./request-guard";

const app = "http://localhost:3000";
const request = (method: string, headers: Record<string, string>, body?: string) =>
  new Request(`${app}/api/compositions`, { method, headers, body });

function refusal(req: Request): number | null {
  try {
    assertSameOriginWrite(req, app);
    return null;
  } catch (error) {
    return (error as AppError).status;
  }
}

describe("assertSameOriginWrite", () => {
  it.each([
    [
      "a same-origin JSON write",
      request("POST", { origin: app, "content-type": "application/json" }, "{}"),
      null,
    ],
    [
      "a script's JSON write without Origin",
      request("PUT", { "content-type": "application/json; charset=utf-8" }, "{}"),
      null,
    ],
    ["a write without a body", request("POST", { origin: app }), null],
    ["any read, from anywhere", request("GET", { origin: "https://evil.example" }), null],
    [
      "a write from another origin",
      request("POST", { origin: "https://evil.example", "content-type": "application/json" }, "{}"),
      403,
    ],
    ["a bodiless write from another origin", request("DELETE", { origin: "https://evil.example" }), 403],
    ["a text/plain body", request("POST", { origin: app, "content-type": "text/plain" }, "{}"), 415],
    [
      "a form body without Origin",
      request("POST", { "content-type": "application/x-www-form-urlencoded" }, "a=1"),
      415,
    ],
  ])("%s → %s", (_name, req, status) => {
    expect(refusal(req)).toBe(status);
  });

  it("says what to send instead", () => {
    expect(() => assertSameOriginWrite(request("POST", { "content-type": "text/plain" }, "{}"), app)).toThrow(
      /Content-Type: application\/json", not text\/plain/,
    );
  });

  it("takes a file upload only where the route names multipart/form-data, and still not from another site", () => {
    const upload = (headers: Record<string, string>) => request("POST", headers, "--boundary--");
    const multipart = { "content-type": "multipart/form-data; boundary=boundary" };
    expect(() => assertSameOriginWrite(upload(multipart), app)).toThrow(/not multipart\/form-data/);
    expect(() => assertSameOriginWrite(upload(multipart), app, ["multipart/form-data"])).not.toThrow();
    expect(() =>
      assertSameOriginWrite(upload({ ...multipart, origin: "https://evil.example" }), app, [
        "multipart/form-data",
      ]),
    ).toThrow(/Cross-origin request refused/);
  });
});
