import { z } from "zod";
import { operation } from "@/lib/api/contract";
import {
  describeTemplateBodySchema,
  listTemplatesQuerySchema,
  previewTemplateBodySchema,
  saveTemplateBodySchema,
  templateDescriptionSchema,
  templatePreviewSchema,
  templateResponseSchema,
  templateVersionSchema,
  templateVersionSummarySchema,
} from "./schema";

// The templates API: the catalog, your own templates and their versions, drafts described and tried.

const saved = z.object({ template: templateResponseSchema });

export const templatesApi = {
  describe: operation({
    method: "POST",
    path: "/api/templates/describe",
    summary: "A SQL template's parameters and outputs, typed by its data source, without running it",
    body: describeTemplateBodySchema,
    response: templateDescriptionSchema,
    status: 200,
    errors: [400, 404, 422],
    // Describing changes nothing (a test call that is not a GET needs run: see draftCallWrites).
    scope: "read",
  }),
  preview: operation({
    method: "POST",
    path: "/api/templates/preview",
    summary: "A SQL template's first 100 rows with the given values, and the time the query took",
    body: previewTemplateBodySchema,
    response: templatePreviewSchema,
    status: 200,
    errors: [400, 404, 422],
    scope: "read",
  }),
  list: operation({
    method: "GET",
    path: "/api/templates",
    summary: "The catalog, public templates and your own",
    query: listTemplatesQuerySchema,
    response: z.object({ templates: z.array(templateResponseSchema) }),
    status: 200,
    errors: [],
  }),
  create: operation({
    method: "POST",
    path: "/api/templates",
    summary: "A SQL template of your own on a data source (parameters and outputs inferred when left out)",
    body: saveTemplateBodySchema,
    response: saved,
    status: 201,
    errors: [400, 404, 422],
  }),
  versions: operation({
    method: "GET",
    path: "/api/templates/{templateId}/versions",
    summary: "Every saved version of a template, newest first",
    response: z.object({ versions: z.array(templateVersionSummarySchema) }),
    status: 200,
    errors: [404],
  }),
  version: operation({
    method: "GET",
    path: "/api/templates/{templateId}/versions/{version}",
    summary: "One version as it was saved",
    response: templateVersionSchema,
    status: 200,
    errors: [400, 404],
  }),
  get: operation({
    method: "GET",
    path: "/api/templates/{templateId}",
    summary: "One template",
    response: templateResponseSchema,
    status: 200,
    errors: [404],
  }),
  update: operation({
    method: "PUT",
    path: "/api/templates/{templateId}",
    summary: "Save your template again: the next version (built-in templates: 403, duplicate them)",
    body: saveTemplateBodySchema,
    response: saved,
    status: 200,
    errors: [400, 403, 404, 422],
  }),
  deactivate: operation({
    method: "DELETE",
    path: "/api/templates/{templateId}",
    summary: "Deactivate your template (its versions stay for past runs)",
    response: null,
    status: 204,
    errors: [403, 404],
  }),
};
