import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { BodyInput, ResponseOf } from "@/lib/api/contract";
import { dataSourcesApi as api } from "@/lib/data-sources/api";
import type { columnTypes, dataSourceResponseSchema, uploadModeSchema } from "@/lib/data-sources/schema";
import { call } from "./fetch-client";

export type DataSource = z.output<typeof dataSourceResponseSchema>;
export type SourceSchema = ResponseOf<typeof api.schema>;

export const dataSourceKeys = {
  all: ["data-sources"] as const,
  list: () => [...dataSourceKeys.all, "list"] as const,
  schema: (id: string) => [...dataSourceKeys.all, id, "schema"] as const,
  /** A file's preview, per file (name, size, last change) and choices. */
  preview: (id: string, file: File, choices: object) =>
    [...dataSourceKeys.all, id, "preview", file.name, file.size, file.lastModified, choices] as const,
};

export const dataSourcesQueryOptions = (initialData?: DataSource[]) =>
  queryOptions({
    queryKey: dataSourceKeys.list(),
    queryFn: async () => (await call(api.list)).dataSources,
    initialData,
  });

/** A source's tables and columns: the cached copy, or read again from the database when `refresh`. */
export const fetchSourceSchema = (id: string, refresh = false) =>
  call(api.schema, { params: { id }, query: { refresh: refresh ? "true" : undefined } });

/** A source's tables and columns (cached on the server until refreshed); off while `enabled` is false. */
export function useSourceSchema(id: string, enabled = true) {
  return useQuery({ queryKey: dataSourceKeys.schema(id), queryFn: () => fetchSourceSchema(id), enabled });
}

/** Reads a source's tables and columns again from the database, for every view of them. */
export function useRefreshSourceSchema(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchSourceSchema(id, true),
    onSuccess: (fresh) => queryClient.setQueryData(dataSourceKeys.schema(id), fresh),
  });
}

/** Drops a table of a DuckDB source; the source's schema is read again. */
export function useDropSourceTable(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (table: string) => dropSourceTable(id, table),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dataSourceKeys.schema(id) }),
  });
}

export const createDataSource = (body: BodyInput<typeof api.create>) => call(api.create, { body });

export const updateDataSource = (id: string, body: BodyInput<typeof api.update>) =>
  call(api.update, { params: { id }, body });

export const deleteDataSource = (id: string) => call(api.delete, { params: { id } });

export const testDataSource = (id: string) => call(api.test, { params: { id } });

/** How a file is loaded: into which table, what to do if it exists, column types, unreadable records. */
export type UploadChoices = {
  table?: string;
  mode?: z.input<typeof uploadModeSchema>;
  types?: Record<string, (typeof columnTypes)[number]>;
  badLines?: "refuse" | "skip";
};
export type UploadPreview = ResponseOf<typeof api.previewUpload>["preview"];
export type UploadResult = ResponseOf<typeof api.upload>;

function uploadForm(file: File, choices: UploadChoices): FormData {
  const form = new FormData();
  form.set("file", file);
  if (choices.table) form.set("table", choices.table);
  if (choices.mode) form.set("mode", choices.mode);
  if (choices.types && Object.keys(choices.types).length) form.set("types", JSON.stringify(choices.types));
  if (choices.badLines) form.set("badLines", choices.badLines);
  return form;
}

/** What uploading the file would load (columns, first rows, problems), with nothing written. */
export const previewUpload = async (id: string, file: File, choices: UploadChoices, signal?: AbortSignal) =>
  (await call(api.previewUpload, { params: { id }, form: uploadForm(file, choices), signal })).preview;

/** Uploads a CSV, TSV, Parquet or JSON file into a DuckDB source as a table (named after the file unless given). */
export const uploadToDataSource = (id: string, file: File, choices: UploadChoices) =>
  call(api.upload, { params: { id }, form: uploadForm(file, choices) });

export const dropSourceTable = (id: string, table: string) => call(api.dropTable, { params: { id, table } });

/** The sources a user can use, from the page's copy until read again. */
export const useDataSources = (initial?: DataSource[]) => useQuery(dataSourcesQueryOptions(initial));

/** Adding, replacing and deleting a source; each reads the sources again. */
export function useDataSourceChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: dataSourceKeys.all });
  return {
    save: useMutation({
      mutationFn: ({ id, body }: { id?: string; body: BodyInput<typeof api.create> }) =>
        id ? updateDataSource(id, body) : createDataSource(body),
      onSuccess: () => void refresh(),
    }),
    remove: useMutation({
      mutationFn: (id: string) => deleteDataSource(id),
      onSettled: () => void refresh(),
    }),
  };
}

export const useTestDataSource = (id: string) => useMutation({ mutationFn: () => testDataSource(id) });

/**
 * What uploading the file would load, asked again when the choices change (the previous answer
 * shown meanwhile); a preview nobody waits for any more is stopped.
 */
export const useUploadPreview = (id: string, file: File, choices: UploadChoices) =>
  useQuery({
    queryKey: dataSourceKeys.preview(id, file, choices),
    queryFn: ({ signal }) => previewUpload(id, file, choices, signal),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Loads a file into a source: its schema is read again, and what a next upload would do is asked anew. */
export function useUpload(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, choices }: { file: File; choices: UploadChoices }) =>
      uploadToDataSource(id, file, choices),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: dataSourceKeys.schema(id) });
      queryClient.removeQueries({ queryKey: [...dataSourceKeys.all, id, "preview"] });
    },
  });
}
