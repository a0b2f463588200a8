import { handle, route } from "@/lib/auth/handle";
import { findReadableOrThrow } from "@/lib/compositions/access";
import { db } from "@/lib/db/client";
import { schedulesApi as api } from "@/lib/schedules/api";
import { createSchedule, listSchedules } from "@/lib/schedules/service";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.list, async ({ user, query }) => {
    const composition = query.compositionId
      ? await findReadableOrThrow(db(), user, query.compositionId)
      : undefined;
    return { schedules: await listSchedules(db(), user, { compositionId: composition?.id }) };
  }),
  handle(api.create, async ({ user, body }) => createSchedule(db(), user, body)),
);
