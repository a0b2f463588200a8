import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { previewScheduleBodySchema } from "@/lib/schedules/schema";
import { previewSchedule } from "@/lib/schedules/service";

// POST /api/schedules/preview — { cronExpression, timezone } → { description, nextRuns }
export const POST = withUser(
  async ({ req }) => NextResponse.json(previewSchedule(previewScheduleBodySchema.parse(await readJson(req)))),
  { scope: "read" },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
