import type { z } from "zod";
import type { SessionUser } from "@/lib/auth/user";
import type { DbOrTx } from "@/lib/db/client";
import type { inboxSchema, markReadBodySchema } from "./schema";

/** The bell's list: a user's newest in-app notifications, and how many are unread. */
const SHOWN = 30;

export async function listInbox(db: DbOrTx, user: SessionUser): Promise<z.output<typeof inboxSchema>> {
  const [rows, unread] = await Promise.all([
    db.notification.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" }, take: SHOWN }),
    db.notification.count({ where: { userId: user.id, readAt: null } }),
  ]);
  return {
    notifications: rows.map((row) => ({
      id: row.id,
      title: row.title,
      body: row.body,
      link: row.link,
      read: row.readAt !== null,
      createdAt: row.createdAt.toISOString(),
    })),
    unread,
  };
}

/** Marks the given notifications (all, when none are named) of the user read. */
export async function markRead(db: DbOrTx, user: SessionUser, body: z.output<typeof markReadBodySchema>) {
  await db.notification.updateMany({
    where: { userId: user.id, readAt: null, ...(body.ids ? { id: { in: body.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return listInbox(db, user);
}
