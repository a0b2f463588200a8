import { handle, route } from "@/lib/auth/handle";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { db } from "@/lib/db/client";
import { templatesApi as api } from "@/lib/templates/api";
import { describeTemplate, draftCallWrites } from "@/lib/templates/authoring";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.describe, async ({ user, body, requireScope }) => {
    if (draftCallWrites(body)) requireScope("run", "a test call that is not a GET");
    return describeTemplate(db(), user, body, dataSourceDeps(db()));
  }),
);
