import { infiniteQueryOptions } from "@tanstack/react-query";
import type { BodyInput } from "@/lib/api/contract";
import { compositionsApi as api } from "@/lib/compositions/api";
import { call } from "./fetch-client";

export interface CompositionFilters {
  q: string;
  tag: string | null;
  favorite: boolean;
  visibility: "all" | "mine" | "public";
}

export const compositionKeys = {
  all: ["compositions"] as const,
  list: (filters: CompositionFilters) => [...compositionKeys.all, "list", filters] as const,
};

/** The compositions list, one server page (cursor) at a time. */
export const compositionListOptions = (filters: CompositionFilters) =>
  infiniteQueryOptions({
    queryKey: compositionKeys.list(filters),
    queryFn: ({ pageParam }) =>
      call(api.list, {
        query: {
          visibility: filters.visibility,
          limit: 25,
          q: filters.q.trim() || undefined,
          tag: filters.tag ?? undefined,
          favorite: filters.favorite ? "true" : undefined,
          cursor: pageParam ?? undefined,
        },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

type CompositionBody = BodyInput<typeof api.create>;

export const getComposition = (id: string) => call(api.get, { params: { id } });

export const createComposition = (body: CompositionBody) => call(api.create, { body });

/** Saves over the version the edit was based on; a stale version answers 409. */
export const updateComposition = (id: string, body: BodyInput<typeof api.update>) =>
  call(api.update, { params: { id }, body });

/** A draft's findings and plan, without saving it. */
export const validateComposition = (body: CompositionBody, signal?: AbortSignal) =>
  call(api.validate, { body, signal });

export const duplicateComposition = (id: string, body?: BodyInput<typeof api.duplicate>) =>
  call(api.duplicate, { params: { id }, body });

export const deleteComposition = (id: string) => call(api.delete, { params: { id } });

export const setFavorite = (id: string, favorite: boolean) =>
  call(favorite ? api.favorite : api.unfavorite, { params: { id } });

/** Imports an exported file's text as it is (the server parses and checks it). */
export const importComposition = (fileText: string) => call(api.import, { text: fileText });
