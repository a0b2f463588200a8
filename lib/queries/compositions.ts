import { infiniteQueryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { CompositionResponse } from "@/lib/compositions/document";
import type { CompositionSummary } from "@/lib/compositions/list";
import type {
  favoriteResponseSchema,
  importResponseSchema,
  validationResponseSchema,
} from "@/lib/compositions/responses";
import type {
  createCompositionBodySchema,
  duplicateCompositionBodySchema,
  updateCompositionBodySchema,
} from "@/lib/compositions/schema";
import { apiFetch, apiSend, segment } from "./fetch-client";

export interface CompositionFilters {
  q: string;
  tag: string | null;
  favorite: boolean;
  visibility: "all" | "mine" | "public";
}

type Page = { items: CompositionSummary[]; nextCursor: string | null };

export const compositionKeys = {
  all: ["compositions"] as const,
  list: (filters: CompositionFilters) => [...compositionKeys.all, "list", filters] as const,
};

/** The compositions list, one server page (cursor) at a time. */
export const compositionListOptions = (filters: CompositionFilters) =>
  infiniteQueryOptions({
    queryKey: compositionKeys.list(filters),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ visibility: filters.visibility, limit: "25" });
      if (filters.q.trim()) params.set("q", filters.q.trim());
      if (filters.tag) params.set("tag", filters.tag);
      if (filters.favorite) params.set("favorite", "true");
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<Page>(`/api/compositions?${params}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

type CompositionBody = z.input<typeof createCompositionBodySchema>;

export const getComposition = (id: string) =>
  apiFetch<CompositionResponse>(`/api/compositions/${segment(id)}`);

export const createComposition = (body: CompositionBody) =>
  apiSend<CompositionResponse>("POST", "/api/compositions", body);

/** Saves over the version the edit was based on; a stale version answers 409. */
export const updateComposition = (id: string, body: z.input<typeof updateCompositionBodySchema>) =>
  apiSend<CompositionResponse>("PUT", `/api/compositions/${segment(id)}`, body);

/** A draft's findings and plan, without saving it. */
export const validateComposition = (body: CompositionBody, signal?: AbortSignal) =>
  apiSend<z.output<typeof validationResponseSchema>>("POST", "/api/compositions/validate", body, { signal });

export const duplicateComposition = (id: string, body?: z.input<typeof duplicateCompositionBodySchema>) =>
  apiSend<CompositionResponse>("POST", `/api/compositions/${segment(id)}/duplicate`, body);

export const deleteComposition = (id: string) => apiSend<void>("DELETE", `/api/compositions/${segment(id)}`);

export const setFavorite = (id: string, favorite: boolean) =>
  apiSend<z.output<typeof favoriteResponseSchema>>(
    favorite ? "PUT" : "DELETE",
    `/api/compositions/${segment(id)}/favorite`,
  );

/** Imports an exported file's text as it is (the server parses and checks it). */
export const importComposition = (fileText: string) =>
  apiFetch<z.output<typeof importResponseSchema>>("/api/compositions/import", {
    method: "POST",
    body: fileText,
  });
