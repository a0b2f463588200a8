import { handle, route } from "@/lib/auth/handle";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { db } from "@/lib/db/client";
import { templatesApi as api } from "@/lib/templates/api";
import { createTemplate } from "@/lib/templates/authored";
import { listTemplates } from "@/lib/templates/service";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.list, async ({ user, query }) => ({ templates: await listTemplates(db(), user, query) })),
  handle(api.create, async ({ user, body }) => ({
    template: await createTemplate(db(), user, body, dataSourceDeps(db())),
  })),
);
