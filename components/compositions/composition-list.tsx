"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useDeferredValue, useEffect, useState } from "react";
import { StatusBadge } from "@/components/canvas/run-status";
import { DateTime } from "@/components/date-time";
import { EmptyState } from "@/components/empty-state";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { SearchInput } from "@/components/ui/search-input";
import type { CompositionSummary } from "@/lib/compositions/list";
import {
  type CompositionFilters,
  useCompositionChanges,
  useCompositionList,
} from "@/lib/queries/compositions";
import { ImportButton } from "./import-button";

const visibilities = [
  ["all", "All"],
  ["mine", "Mine"],
  ["public", "Public"],
] as const;

function filtersFrom(params: URLSearchParams): Omit<CompositionFilters, "q"> {
  const visibility = params.get("visibility");
  return {
    tag: params.get("tag"),
    favorite: params.get("favorite") === "true",
    visibility: visibility === "mine" || visibility === "public" ? visibility : "all",
  };
}

/** The compositions the user can read: search, tags, favorites, visibility, and paging by cursor. */
export function CompositionList({ isAdmin }: { isAdmin: boolean }) {
  const router = useRouter();
  // The filters live in the URL too, so a reload, Back or a shared link keeps them.
  const params = useSearchParams();
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [filters, setFilters] = useState<Omit<CompositionFilters, "q">>(() => filtersFrom(params));
  const q = useDeferredValue(search);
  useEffect(() => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    if (filters.tag) next.set("tag", filters.tag);
    if (filters.favorite) next.set("favorite", "true");
    if (filters.visibility !== "all") next.set("visibility", filters.visibility);
    const query = next.toString();
    if (query !== window.location.search.slice(1)) {
      window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
    }
  }, [q, filters]);
  const list = useCompositionList({ ...filters, q });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const { favorite, duplicate, remove } = useCompositionChanges();
  const duplicateAndOpen = (item: CompositionSummary) =>
    duplicate.mutate(item.id, { onSuccess: (copy) => router.push(`/compositions/${copy.compositionId}`) });
  const [importError, setImportError] = useState<string | null>(null);
  const failure = favorite.error?.message ?? duplicate.error?.message ?? remove.error?.message ?? importError;

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <SearchInput
          label="Search compositions"
          value={search}
          onValueChange={setSearch}
          placeholder="Search name, description or tag"
          className="w-72"
        />
        <fieldset
          aria-label="Visibility"
          className="flex overflow-hidden rounded-md border border-slate-300 text-sm"
        >
          {visibilities.map(([value, label]) => (
            <button
              key={value}
              type="button"
              aria-pressed={filters.visibility === value}
              onClick={() => setFilters({ ...filters, visibility: value })}
              className={`px-3 py-1.5 ${filters.visibility === value ? "bg-indigo-600 text-white" : "bg-white hover:bg-slate-50"}`}
            >
              {label}
            </button>
          ))}
        </fieldset>
        <button
          type="button"
          aria-pressed={filters.favorite}
          onClick={() => setFilters({ ...filters, favorite: !filters.favorite })}
          className={`rounded-md border px-3 py-1.5 text-sm ${filters.favorite ? "border-amber-400 bg-amber-50 text-amber-800" : "border-slate-300 bg-white"}`}
        >
          ★ Favorites only
        </button>
        {filters.tag && (
          <button
            type="button"
            onClick={() => setFilters({ ...filters, tag: null })}
            className="rounded-full bg-indigo-50 px-2.5 py-1 text-xs text-indigo-700"
          >
            tag: {filters.tag} ✕
          </button>
        )}
        <span className="ml-auto flex gap-2">
          <ImportButton onError={setImportError} />
          <Link
            href="/compositions/new"
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
          >
            New composition
          </Link>
        </span>
      </div>
      {failure && (
        <p role="alert" className="mb-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure}
        </p>
      )}
      {list.isPending ? (
        <div role="status" aria-label="Loading compositions" className="space-y-2">
          {[0, 1, 2].map((key) => (
            <div key={key} className="h-20 animate-pulse rounded-lg bg-slate-200" />
          ))}
        </div>
      ) : list.error ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the compositions: {list.error.message}
        </p>
      ) : items.length === 0 ? (
        <EmptyState>
          {q || filters.tag || filters.favorite
            ? "No composition matches these filters."
            : "No compositions yet."}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {items.map((item) => (
            <li key={item.id} aria-label={item.name} className="flex items-start gap-4 px-5 py-4">
              <button
                type="button"
                aria-pressed={item.isFavorite}
                aria-label={`Favorite ${item.name}`}
                onClick={() => favorite.mutate(item)}
                className={`text-xl leading-none ${item.isFavorite ? "text-amber-500" : "text-slate-300 hover:text-amber-400"}`}
              >
                ★
              </button>
              <div className="min-w-0 flex-1">
                <Link
                  href={`/compositions/${item.compositionId}`}
                  className="font-medium hover:text-indigo-700 hover:underline"
                >
                  {item.name}
                </Link>
                <p className="font-mono text-xs text-slate-500">{item.compositionId}</p>
                {item.description && (
                  <p className="mt-1 line-clamp-2 text-sm text-slate-600">{item.description}</p>
                )}
                <div className="mt-2 flex flex-wrap gap-1.5">
                  {item.tags.map((tag) => (
                    <button
                      key={tag}
                      type="button"
                      onClick={() => setFilters({ ...filters, tag })}
                      className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 hover:bg-indigo-50"
                    >
                      {tag}
                    </button>
                  ))}
                </div>
              </div>
              <dl className="grid shrink-0 grid-cols-[auto_auto] gap-x-3 text-right text-xs text-slate-500">
                <dt>Nodes</dt>
                <dd className="font-medium text-slate-800">{item.nodeCount}</dd>
                <dt>Visibility</dt>
                <dd className="font-medium text-slate-800">{item.isPublic ? "Public" : "Private"}</dd>
                <dt>Updated</dt>
                <dd className="font-medium text-slate-800">
                  <time dateTime={item.updatedAt}>{item.updatedAt.slice(0, 10)}</time>
                </dd>
                {item.nextRunAt && (
                  <>
                    <dt>Next run</dt>
                    <dd className="font-medium text-slate-800">
                      <DateTime iso={item.nextRunAt} />
                    </dd>
                  </>
                )}
                <dt>Last run</dt>
                <dd className="text-[11px]">
                  {item.lastRun ? (
                    <Link
                      href={`/executions/${item.lastRun.id}`}
                      title={item.lastRun.createdAt}
                      aria-label="Last run"
                    >
                      <StatusBadge status={item.lastRun.status} />
                    </Link>
                  ) : (
                    "never"
                  )}
                </dd>
              </dl>
              <div className="flex shrink-0 flex-col items-end gap-1">
                <button
                  type="button"
                  onClick={() => duplicateAndOpen(item)}
                  className="rounded px-2 py-1 text-xs hover:bg-slate-100"
                >
                  Duplicate
                </button>
                {(item.isMine || isAdmin) && (
                  <ConfirmDelete
                    name={item.name}
                    onConfirm={() => remove.mutate(item.id)}
                    alsoGone={
                      item.isPublic
                        ? " and all its runs, including runs other people started (runs still going are cancelled)"
                        : " and all its runs (runs still going are cancelled)"
                    }
                  />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          onClick={() => list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
          className="mt-3 w-full rounded-md border border-slate-300 bg-white py-2 text-sm hover:bg-slate-50"
        >
          {list.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </>
  );
}
