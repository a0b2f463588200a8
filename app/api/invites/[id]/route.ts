import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { deleteInvite } from "@/lib/auth/signup";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";

// DELETE /api/invites/:id — admins: withdraw an unused invite
export const DELETE = withUser<{ id: string }>(async ({ user, params }) => {
  await deleteInvite(db(), user, params.id);
  return new NextResponse(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
