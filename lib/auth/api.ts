import { z } from "zod";
import { operation } from "@/lib/api/contract";
import { createInviteBodySchema, inviteResponseSchema } from "./invite-schema";
import { createTokenBodySchema, tokenResponseSchema } from "./token-schema";

// The accounts API: API tokens, invites, and the routes of better-auth a client needs for a session
// (served by better-auth under /api/auth/; its other routes are its own business).

/** What better-auth answers to sign-in and sign-up (its own shape; the user is what a client needs). */
const authAnswerSchema = z
  .object({ user: z.object({ id: z.string(), name: z.string(), email: z.string() }).loose() })
  .loose();

export const accountsApi = {
  tokens: operation({
    method: "GET",
    path: "/api/tokens",
    summary: "Your API tokens (never their secrets)",
    response: z.object({ tokens: z.array(tokenResponseSchema) }),
    status: 200,
    errors: [403],
    access: "session",
  }),
  createToken: operation({
    method: "POST",
    path: "/api/tokens",
    summary: "Make an API token: its secret is in this answer only",
    body: createTokenBodySchema,
    response: z.object({ token: tokenResponseSchema, secret: z.string() }),
    status: 201,
    errors: [400, 403, 409],
    access: "session",
  }),
  revokeToken: operation({
    method: "DELETE",
    path: "/api/tokens/{id}",
    summary: "Revoke an API token, at once",
    response: null,
    status: 204,
    errors: [403, 404],
    access: "session",
  }),
  invites: operation({
    method: "GET",
    path: "/api/invites",
    summary: "Admins: the invite links and the sign-up policy",
    response: z.object({
      invites: z.array(inviteResponseSchema),
      policy: z.enum(["open", "invite", "closed"]),
    }),
    status: 200,
    errors: [403],
  }),
  createInvite: operation({
    method: "POST",
    path: "/api/invites",
    summary: "Admins: a new invite link (shown in this answer only)",
    body: createInviteBodySchema,
    bodyOptional: true,
    response: inviteResponseSchema.extend({ link: z.url() }),
    status: 201,
    errors: [400, 403],
  }),
  deleteInvite: operation({
    method: "DELETE",
    path: "/api/invites/{id}",
    summary: "Admins: withdraw an unused invite",
    response: null,
    status: 204,
    errors: [403, 404],
  }),
  signUp: operation({
    method: "POST",
    path: "/api/auth/sign-up/email",
    summary: "Create an account (when the sign-up policy lets you); signs you in",
    body: z.object({ name: z.string(), email: z.email(), password: z.string().min(8) }),
    response: authAnswerSchema,
    status: 200,
    errors: [400, 403, 422, 429],
    access: "public",
  }),
  signIn: operation({
    method: "POST",
    path: "/api/auth/sign-in/email",
    summary: "Sign in; the answer sets the session cookie",
    body: z.object({ email: z.email(), password: z.string() }),
    response: authAnswerSchema,
    status: 200,
    errors: [400, 401, 403, 429],
    access: "public",
  }),
  signOut: operation({
    method: "POST",
    path: "/api/auth/sign-out",
    summary: "Sign out: ends the session",
    response: z.object({ success: z.boolean() }),
    status: 200,
    errors: [],
  }),
};
