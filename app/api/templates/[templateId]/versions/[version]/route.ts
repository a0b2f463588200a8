import { z } from "zod";
import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { templatesApi as api } from "@/lib/templates/api";
import { getTemplateVersion } from "@/lib/templates/authored";

const versionSchema = z.coerce.number().int().min(1).max(2_147_483_647);

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.version, async ({ user, params }) =>
    getTemplateVersion(db(), user, params.templateId, versionSchema.parse(params.version)),
  ),
);
