import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { db } from "@/lib/db/client";
import { deactivateTemplate, updateTemplate } from "@/lib/templates/authored";
import { saveTemplateBodySchema } from "@/lib/templates/schema";
import { getTemplateOrThrow } from "@/lib/templates/service";

type Params = { templateId: string };

// GET /api/templates/:templateId — one template
export const GET = withUser<Params>(async ({ user, params }) =>
  NextResponse.json(await getTemplateOrThrow(db(), user, params.templateId)),
);

// PUT /api/templates/:templateId — save your template again: the next version (built-in ones: 403)
export const PUT = withUser<Params>(async ({ req, user, params }) => {
  const body = saveTemplateBodySchema.parse(await readJson(req));
  return NextResponse.json({
    template: await updateTemplate(db(), user, params.templateId, body, dataSourceDeps(db())),
  });
});

// DELETE /api/templates/:templateId — deactivates it; compositions using it get a finding, old runs keep their version
export const DELETE = withUser<Params>(async ({ user, params }) => {
  await deactivateTemplate(db(), user, params.templateId);
  return new NextResponse(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods("GET", "PUT", "DELETE");
