import { queryOptions, useQuery } from "@tanstack/react-query";
import type { TemplateResponse } from "@/lib/templates/service";
import { apiFetch } from "./fetch-client";

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
