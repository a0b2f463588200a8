import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
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

/** The compositions list with these filters, a server page at a time. */
export const useCompositionList = (filters: CompositionFilters) =>
  useInfiniteQuery(compositionListOptions(filters));

/** Marking favorites, duplicating and deleting from the list; the lists are read again after each. */
export function useCompositionChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: compositionKeys.all });
  return {
    favorite: useMutation({
      mutationFn: (item: { id: string; isFavorite: boolean }) => setFavorite(item.id, !item.isFavorite),
      onSettled: refresh,
    }),
    duplicate: useMutation({ mutationFn: (id: string) => duplicateComposition(id), onSettled: refresh }),
    remove: useMutation({ mutationFn: (id: string) => deleteComposition(id), onSettled: refresh }),
  };
}

/** Imports an exported file as a new composition. */
export const useImportComposition = () =>
  useMutation({ mutationFn: async (file: File) => importComposition(await file.text()) });
