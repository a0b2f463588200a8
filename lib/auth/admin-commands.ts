import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Db } from "@/lib/db/client";

/** A failure of an account command, fit to print as its one line. */
export class CommandError extends Error {
  override name = "CommandError";
}

async function userByEmail(db: Db, email: string) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) throw new CommandError(`No account with the e-mail ${email}.`);
  return user;
}

/** Accounts with their role, oldest first. */
export async function listUsers(db: Db) {
  return db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: { email: true, name: true, role: true, createdAt: true },
  });
}

/** Makes an account an admin, or a plain user again (the last admin cannot be demoted). */
export async function setRole(db: Db, email: string, role: "admin" | "user"): Promise<void> {
  const user = await userByEmail(db, email);
  if (role === "user" && user.role === "admin" && (await db.user.count({ where: { role: "admin" } })) === 1)
    throw new CommandError(`${user.email} is the only admin: make another account admin first.`);
  await db.user.update({ where: { id: user.id }, data: { role } });
}

/**
 * Gives an account a new random password, returned once, and signs it out everywhere — the way back
 * in for someone locked out of a self-hosted instance without e-mail.
 */
export async function resetPassword(db: Db, email: string): Promise<string> {
  const user = await userByEmail(db, email);
  const password = randomBytes(12).toString("base64url");
  const hashed = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const { count } = await tx.account.updateMany({
      where: { userId: user.id, providerId: "credential" },
      data: { password: hashed },
    });
    if (count === 0) throw new CommandError(`${user.email} has no password sign-in to reset.`);
    await tx.session.deleteMany({ where: { userId: user.id } });
  });
  return password;
}
