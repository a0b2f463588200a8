import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { createBackfill, listBackfills } from "@/lib/schedules/backfill";
import { createBackfillBodySchema } from "@/lib/schedules/backfill-schema";

type Params = { id: string };

// GET /api/schedules/:id/backfills — its backfills, newest first, with their progress
export const GET = withUser<Params>(async ({ user, params }) =>
  NextResponse.json({ backfills: await listBackfills(db(), user, params.id) }),
);

// POST /api/schedules/:id/backfills — { from, to, concurrency? }: run every tick between; 201 with the backfill
export const POST = withUser<Params>(async ({ req, user, params }) => {
  const body = createBackfillBodySchema.parse(await readJson(req));
  return NextResponse.json({ backfill: await createBackfill(db(), user, params.id, body) }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
