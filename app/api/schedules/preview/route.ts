import { handle, route } from "@/lib/auth/handle";
import { schedulesApi as api } from "@/lib/schedules/api";
import { previewSchedule } from "@/lib/schedules/service";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.preview, async ({ body }) => previewSchedule(body)),
);
