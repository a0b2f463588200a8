import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { schedulesApi as api } from "@/lib/schedules/api";
import { cancelBackfill, getBackfill, updateBackfill } from "@/lib/schedules/backfill";

// DELETE cancels: no more ticks start, and its runs in progress are cancelled.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.backfill, async ({ user, params }) => ({ backfill: await getBackfill(db(), user, params.id) })),
  handle(api.updateBackfill, async ({ user, params, body }) => ({
    backfill: await updateBackfill(db(), user, params.id, body),
  })),
  handle(api.cancelBackfill, async ({ user, params }) => ({
    backfill: await cancelBackfill(db(), user, params.id),
  })),
);
