import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { templatesApi as api } from "@/lib/templates/api";
import { listTemplateVersions } from "@/lib/templates/authored";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.versions, async ({ user, params }) => ({
    versions: await listTemplateVersions(db(), user, params.templateId),
  })),
);
