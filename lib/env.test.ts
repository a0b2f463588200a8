import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives the embedded defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      EMBEDDED_POSTGRES_PORT: 5488,
      EMBEDDED_POSTGRES_DIR: ".data/postgres",
      AUTH_SIGN_IN_LIMIT: 5,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats an empty value as unset", () => {
    const env = parseEnv({ PORT: "", DATABASE_URL: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["EMBEDDED_POSTGRES_PORT", "-1"],
    ["AUTH_SIGN_IN_LIMIT", "0"],
    ["LOG_LEVEL", "loud"],
    ["APP_URL", "not a url"],
  ])("stops on a bad %s and names it", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}: .*\\(got "${value}"\\)`));
  });

  it("names a bad DATABASE_URL without echoing it", () => {
    const attempt = () => parseEnv({ DATABASE_URL: "mysql://root:hunter2@db/app" });
    expect(attempt).toThrow(/DATABASE_URL: must start with postgres/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it("refuses a short BETTER_AUTH_SECRET without echoing it", () => {
    const attempt = () => parseEnv({ BETTER_AUTH_SECRET: "tooshort" });
    expect(attempt).toThrow(/BETTER_AUTH_SECRET: must be at least 32 characters/);
    expect(attempt).not.toThrow(/tooshort/);
  });
});
