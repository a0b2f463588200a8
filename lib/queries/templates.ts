import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BodyInput } from "@/lib/api/contract";
import { templatesApi as api } from "@/lib/templates/api";
import { call } from "./fetch-client";

export const templateKeys = {
  all: ["templates"] as const,
  list: () => [...templateKeys.all, "list"] as const,
  detail: (templateId: string) => [...templateKeys.all, "detail", templateId] as const,
};

export const templatesQueryOptions = () =>
  queryOptions({
    queryKey: templateKeys.list(),
    queryFn: async () => (await call(api.list)).templates,
    staleTime: 5 * 60_000,
  });

export function useTemplates() {
  return useQuery(templatesQueryOptions());
}

type SaveBody = BodyInput<typeof api.create>;

/** A SQL template's parameters and outputs as its source types them (nothing runs). */
export const describeTemplate = (body: BodyInput<typeof api.describe>, signal?: AbortSignal) =>
  call(api.describe, { body, signal });

/** The first 100 rows of a SQL template with the given values, and the time the query took. */
export const previewTemplate = (body: BodyInput<typeof api.preview>) => call(api.preview, { body });

export const createTemplate = (body: SaveBody) => call(api.create, { body });

export const updateTemplate = (templateId: string, body: SaveBody) =>
  call(api.update, { params: { templateId }, body });

export const deactivateTemplate = (templateId: string) => call(api.deactivate, { params: { templateId } });

/** Runs a draft template with values: its first rows and the time the query took. */
export const usePreviewTemplate = () => useMutation({ mutationFn: previewTemplate });

/** Saves a template (new, or the next version of the one named); the catalog is read again. */
export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ templateId, body }: { templateId: string | null; body: SaveBody }) =>
      templateId ? updateTemplate(templateId, body) : createTemplate(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}
