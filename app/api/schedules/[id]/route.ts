import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { schedulesApi as api } from "@/lib/schedules/api";
import { deleteSchedule, getSchedule, updateSchedule } from "@/lib/schedules/service";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.get, async ({ user, params }) => getSchedule(db(), user, params.id)),
  handle(api.update, async ({ user, params, body }) => updateSchedule(db(), user, params.id, body)),
  handle(api.delete, async ({ user, params }) => deleteSchedule(db(), user, params.id)),
);
