import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { schedulesApi as api } from "@/lib/schedules/api";
import { createBackfill, listBackfills } from "@/lib/schedules/backfill";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.backfills, async ({ user, params }) => ({
    backfills: await listBackfills(db(), user, params.id),
  })),
  handle(api.createBackfill, async ({ user, params, body }) => ({
    backfill: await createBackfill(db(), user, params.id, body),
  })),
);
