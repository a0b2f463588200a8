import { infiniteQueryOptions } from "@tanstack/react-query";
import type { CompositionSummary } from "@/lib/compositions/list";
import { apiFetch } from "./fetch-client";

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
