import { queryOptions, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  describeTemplateBodySchema,
  previewTemplateBodySchema,
  saveTemplateBodySchema,
  TemplateResponse,
  templateDescriptionSchema,
  templatePreviewSchema,
} from "@/lib/templates/schema";
import { apiFetch, apiSend, segment } from "./fetch-client";

export const templateKeys = {
  all: ["templates"] as const,
  list: () => [...templateKeys.all, "list"] as const,
  detail: (templateId: string) => [...templateKeys.all, "detail", templateId] as const,
};

export const templatesQueryOptions = () =>
  queryOptions({
    queryKey: templateKeys.list(),
    queryFn: async () => (await apiFetch<{ templates: TemplateResponse[] }>("/api/templates")).templates,
    staleTime: 5 * 60_000,
  });

export function useTemplates() {
  return useQuery(templatesQueryOptions());
}

type SaveBody = z.input<typeof saveTemplateBodySchema>;

/** A SQL template's parameters and outputs as its source types them (nothing runs). */
export const describeTemplate = (body: z.input<typeof describeTemplateBodySchema>, signal?: AbortSignal) =>
  apiSend<z.output<typeof templateDescriptionSchema>>("POST", "/api/templates/describe", body, { signal });

/** The first 100 rows of a SQL template with the given values, and the time the query took. */
export const previewTemplate = (body: z.input<typeof previewTemplateBodySchema>) =>
  apiSend<z.output<typeof templatePreviewSchema>>("POST", "/api/templates/preview", body);

export const createTemplate = (body: SaveBody) =>
  apiSend<{ template: TemplateResponse }>("POST", "/api/templates", body);

export const updateTemplate = (templateId: string, body: SaveBody) =>
  apiSend<{ template: TemplateResponse }>("PUT", `/api/templates/${segment(templateId)}`, body);

export const deactivateTemplate = (templateId: string) =>
  apiSend<void>("DELETE", `/api/templates/${segment(templateId)}`);
