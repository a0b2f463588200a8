import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { appUrl, env } from "@/lib/env";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";
import { admitSignup, INVITE_HEADER } from "./signup";

function createAuth() {
  const current = env();
  const secret = current.BETTER_AUTH_SECRET;
  if (!secret)
    throw new Error("BETTER_AUTH_SECRET is not set: start QueryFlow with `npm start`, which creates one.");
  const signInRule = { window: current.AUTH_RATE_LIMIT_WINDOW, max: current.AUTH_SIGN_IN_LIMIT };
  return betterAuth({
    appName: "QueryFlow",
    baseURL: appUrl(current),
    secret,
    trustedOrigins: [appUrl(current)],
    database: prismaAdapter(db(), { provider: "postgresql" }),
    emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 8, maxPasswordLength: 128 },
    user: {
      // Set by the database (the first account becomes admin); never accepted from sign-up input.
      additionalFields: { role: { type: "string", input: false, defaultValue: "user" } },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    // On in every environment, not only production; tests raise the limits through the environment.
    rateLimit: {
      enabled: true,
      // In the database, so the limit holds across web processes and restarts.
      storage: "database",
      window: current.AUTH_RATE_LIMIT_WINDOW,
      max: current.AUTH_RATE_LIMIT_MAX,
      customRules: { "/sign-in/email": signInRule, "/sign-up/email": signInRule },
    },
    advanced: {
      useSecureCookies: appUrl(current).startsWith("https://"),
      // Set by our server (scripts/serve.ts) from the TCP peer and TRUSTED_PROXIES, overwriting any
      // value a client sent; X-Forwarded-For itself is never read here.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-up/email") return;
        try {
          await admitSignup(db(), String(ctx.body?.email ?? ""), ctx.headers?.get(INVITE_HEADER) ?? null);
        } catch (error) {
          if (error instanceof AppError) throw new APIError("FORBIDDEN", { message: error.message });
          throw error;
        }
      }),
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { queryflowAuth?: Auth };

/** The better-auth instance, created on first use so that building the app needs no database. */
export function auth(): Auth {
  globalForAuth.queryflowAuth ??= createAuth();
  return globalForAuth.queryflowAuth;
}
