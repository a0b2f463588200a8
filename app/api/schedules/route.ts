import { NextResponse } from "next/server";
import { z } from "zod";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { findReadableOrThrow } from "@/lib/compositions/access";
import { db } from "@/lib/db/client";
import { createScheduleBodySchema } from "@/lib/schedules/schema";
import { createSchedule, listSchedules } from "@/lib/schedules/service";

const listQuerySchema = z.object({ compositionId: z.string().max(100).optional() });

// GET /api/schedules — schedules of the compositions you can read (?compositionId= for one)
export const GET = withUser(async ({ req, user }) => {
  const query = listQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const composition = query.compositionId
    ? await findReadableOrThrow(db(), user, query.compositionId)
    : undefined;
  return NextResponse.json({
    schedules: await listSchedules(db(), user, { compositionId: composition?.id }),
  });
});

// POST /api/schedules — 201; 400 for a bad cron, time zone or parameter; 422 when it cannot run
export const POST = withUser(async ({ req, user }) => {
  const body = createScheduleBodySchema.parse(await readJson(req));
  return NextResponse.json(await createSchedule(db(), user, body), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
