import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { toErrorBody } from "./error-response";
import { AppError } from "./errors";

function prismaError(code: string) {
  return new Prisma.PrismaClientKnownRequestError("boom", { code, clientVersion: "7" });
}

describe("toErrorBody", () => {
  it.each([
    [new AppError({ code: "bad_request", message: "m" }), 400, "bad_request"],
    [new AppError({ code: "unauthorized", message: "m" }), 401, "unauthorized"],
    [new AppError({ code: "forbidden", message: "m" }), 403, "forbidden"],
    [new AppError({ code: "not_found", message: "m" }), 404, "not_found"],
    [new AppError({ code: "conflict", message: "m" }), 409, "conflict"],
    [new AppError({ code: "payload_too_large", message: "m" }), 413, "payload_too_large"],
    [new AppError({ code: "unprocessable_entity", message: "m" }), 422, "unprocessable_entity"],
    [prismaError("P2025"), 404, "not_found"],
    [prismaError("P2002"), 409, "conflict"],
  ])("maps %o to %i %s", (error, status, code) => {
    const result = toErrorBody(error);
    expect(result.status).toBe(status);
    expect(result.body.error.code).toBe(code);
  });

  it("turns a ZodError into 400 with every issue and the first one's path in the message", () => {
    const parsed = z.object({ name: z.string(), size: z.number() }).safeParse({ name: 1, size: "x" });
    const { status, body } = toErrorBody(parsed.error);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^Invalid request\. name: /);
    expect(body.error.issues?.map((issue) => issue.path)).toEqual([["name"], ["size"]]);
  });

  it("answers an unknown error with a 500 that leaks nothing, and logs it", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, body } = toErrorBody(new Error("password=hunter2 at db.internal"));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/hunter2|db\.internal/);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("carries extra details of an AppError into the envelope", () => {
    const { body } = toErrorBody(
      new AppError({ code: "conflict", message: "stale", details: { currentVersion: 4 } }),
    );
    expect(body.error).toMatchObject({ code: "conflict", message: "stale", currentVersion: 4 });
  });
});
