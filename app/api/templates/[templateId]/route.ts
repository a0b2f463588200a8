import { handle, route } from "@/lib/auth/handle";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { db } from "@/lib/db/client";
import { templatesApi as api } from "@/lib/templates/api";
import { deactivateTemplate, updateTemplate } from "@/lib/templates/authored";
import { getTemplateOrThrow } from "@/lib/templates/service";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.get, async ({ user, params }) => getTemplateOrThrow(db(), user, params.templateId)),
  handle(api.update, async ({ user, params, body }) => ({
    template: await updateTemplate(db(), user, params.templateId, body, dataSourceDeps(db())),
  })),
  handle(api.deactivate, async ({ user, params }) => deactivateTemplate(db(), user, params.templateId)),
);
