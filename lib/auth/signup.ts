import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import type { DbOrTx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { hashToken, newSecretToken } from "@/lib/security/secret-token";
import type { createInviteBodySchema, inviteResponseSchema } from "./invite-schema";
import type { SessionUser } from "./user";

export { INVITE_HEADER } from "./invite-header";
export { createInviteBodySchema, inviteResponseSchema } from "./invite-schema";

export type SignupPolicy = "open" | "invite" | "closed";

/** How long an invite link works. */
export const INVITE_DAYS = 7;

/**
 * Who may create an account: `SIGNUP` when set; otherwise anyone until the first account exists (it
 * becomes the admin), then only holders of an invite link — so an instance exposed before anyone set
 * it up cannot be taken over by strangers signing up.
 */
export async function signupPolicy(db: DbOrTx, configured = env().SIGNUP): Promise<SignupPolicy> {
  if (configured) return configured;
  return (await db.user.count()) === 0 ? "open" : "invite";
}

/**
 * Lets a sign-up through or refuses it with 403. Under `invite`, the invite is used up here, atomically
 * (two sign-ups with one link: one wins) — unless the e-mail already has an account, in which case the
 * sign-up fails on its own and the link stays good.
 */
export async function admitSignup(
  db: DbOrTx,
  email: string,
  token: string | null,
  configured = env().SIGNUP,
): Promise<void> {
  const policy = await signupPolicy(db, configured);
  if (policy === "open") return;
  if (policy === "closed")
    throw new AppError({
      code: "forbidden",
      message: "Sign-up is closed here. Ask an administrator for an account.",
    });
  if (!token)
    throw new AppError({
      code: "forbidden",
      message: "Sign-up here is by invitation: open the invite link an administrator gave you.",
    });
  if (await db.user.findUnique({ where: { email: email.toLowerCase() } })) return;
  const { count } = await db.invite.updateMany({
    where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date(), usedByEmail: email.toLowerCase() },
  });
  if (count === 0)
    throw new AppError({
      code: "forbidden",
      message: "This invite link is not valid: it was used, withdrawn or has expired. Ask for a new one.",
    });
}

function assertAdmin(user: SessionUser) {
  if (user.role !== "admin")
    throw new AppError({ code: "forbidden", message: "Only an admin manages invites." });
}

const inviteStatus = (row: { usedAt: Date | null; expiresAt: Date }): "used" | "expired" | "open" =>
  row.usedAt ? "used" : row.expiresAt <= new Date() ? "expired" : "open";

function toInvite(row: {
  id: string;
  note: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedByEmail: string | null;
}): z.output<typeof inviteResponseSchema> {
  return {
    id: row.id,
    note: row.note,
    status: inviteStatus(row),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    usedAt: row.usedAt?.toISOString() ?? null,
    usedByEmail: row.usedByEmail,
  };
}
export type InviteResponse = ReturnType<typeof toInvite>;

/** A new invite; its link (with the token) is in this answer only — the database keeps its hash. */
export async function createInvite(
  db: DbOrTx,
  user: SessionUser,
  body: z.output<typeof createInviteBodySchema>,
  appUrl: string,
  /** Recorded as its creator; null for one made with `npm run user -- invite`. */
  createdById: string | null = user.id,
) {
  assertAdmin(user);
  const token = newSecretToken("", 24);
  const row = await db.invite.create({
    data: {
      tokenHash: hashToken(token),
      note: body.note,
      createdById,
      expiresAt: new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000),
    },
  });
  return { ...toInvite(row), link: `${appUrl}/sign-up?invite=${token}` };
}

export async function listInvites(db: DbOrTx, user: SessionUser) {
  assertAdmin(user);
  const rows = await db.invite.findMany({ orderBy: { createdAt: "desc" }, take: 200 });
  return { invites: rows.map(toInvite), policy: await signupPolicy(db) };
}

/** Withdraws an invite that was not used yet (a used one stays as the record of who came in). */
export async function deleteInvite(db: DbOrTx, user: SessionUser, id: string) {
  assertAdmin(user);
  const { count } = isUuid(id) ? await db.invite.deleteMany({ where: { id, usedAt: null } }) : { count: 0 };
  if (count === 0) throw new AppError({ code: "not_found", message: "No unused invite with that id." });
}
