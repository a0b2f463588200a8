import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { cancelBackfill, getBackfill, updateBackfill } from "@/lib/schedules/backfill";
import { updateBackfillBodySchema } from "@/lib/schedules/backfill-schema";

type Params = { id: string };

// GET /api/backfills/:id — the backfill and its progress
export const GET = withUser<Params>(async ({ user, params }) =>
  NextResponse.json({ backfill: await getBackfill(db(), user, params.id) }),
);

// PATCH /api/backfills/:id — { status: "paused" | "running" }: pause or resume
export const PATCH = withUser<Params>(async ({ req, user, params }) =>
  NextResponse.json({
    backfill: await updateBackfill(
      db(),
      user,
      params.id,
      updateBackfillBodySchema.parse(await readJson(req)),
    ),
  }),
);

// DELETE /api/backfills/:id — cancel: no more ticks start, its runs in progress are cancelled
export const DELETE = withUser<Params>(async ({ user, params }) =>
  NextResponse.json({ backfill: await cancelBackfill(db(), user, params.id) }),
);

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
