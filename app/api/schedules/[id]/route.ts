import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { updateScheduleBodySchema } from "@/lib/schedules/schema";
import { deleteSchedule, getSchedule, updateSchedule } from "@/lib/schedules/service";

type Params = { id: string };

// GET /api/schedules/:id
export const GET = withUser<Params>(async ({ user, params }) =>
  NextResponse.json(await getSchedule(db(), user, params.id)),
);

// PATCH /api/schedules/:id — any of name, cronExpression, timezone, parameters, isActive, policies
export const PATCH = withUser<Params>(async ({ req, user, params }) => {
  const patch = updateScheduleBodySchema.parse(await readJson(req));
  return NextResponse.json(await updateSchedule(db(), user, params.id, patch));
});

// DELETE /api/schedules/:id
export const DELETE = withUser<Params>(async ({ user, params }) => {
  await deleteSchedule(db(), user, params.id);
  return new NextResponse(null, { status: 204 });
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
