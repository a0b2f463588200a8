import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  columnTypes,
  connectionTestSchema,
  createDataSourceBodySchema,
  dataSourceResponseSchema,
  droppedTableSchema,
  schemaResponseSchema,
  updateDataSourceBodySchema,
  uploadModeSchema,
  uploadPreviewSchema,
  uploadResponseSchema,
} from "@/lib/data-sources/schema";
import { apiFetch, apiSend, segment } from "./fetch-client";

export type DataSource = z.output<typeof dataSourceResponseSchema>;
export type SourceSchema = z.output<typeof schemaResponseSchema>;

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
    queryFn: async () => (await apiFetch<{ dataSources: DataSource[] }>("/api/data-sources")).dataSources,
    initialData,
  });

/** A source's tables and columns: the cached copy, or read again from the database when `refresh`. */
export const fetchSourceSchema = (id: string, refresh = false) =>
  apiFetch<SourceSchema>(`/api/data-sources/${segment(id)}/schema${refresh ? "?refresh=true" : ""}`);

export const createDataSource = (body: z.input<typeof createDataSourceBodySchema>) =>
  apiSend<{ dataSource: DataSource }>("POST", "/api/data-sources", body);

export const updateDataSource = (id: string, body: z.input<typeof updateDataSourceBodySchema>) =>
  apiSend<{ dataSource: DataSource }>("PUT", `/api/data-sources/${segment(id)}`, body);

export const deleteDataSource = (id: string) => apiSend<void>("DELETE", `/api/data-sources/${segment(id)}`);

export const testDataSource = (id: string) =>
  apiSend<z.output<typeof connectionTestSchema>>("POST", `/api/data-sources/${segment(id)}/test`);

/** How a file is loaded: into which table, what to do if it exists, column types, unreadable records. */
export type UploadChoices = {
  table?: string;
  mode?: z.input<typeof uploadModeSchema>;
  types?: Record<string, (typeof columnTypes)[number]>;
  badLines?: "refuse" | "skip";
};
export type UploadPreview = z.output<typeof uploadPreviewSchema>["preview"];
export type UploadResult = z.output<typeof uploadResponseSchema>;

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
  (
    await apiFetch<z.output<typeof uploadPreviewSchema>>(`/api/data-sources/${segment(id)}/files/preview`, {
      method: "POST",
      body: uploadForm(file, choices),
      signal,
    })
  ).preview;

/** Uploads a CSV, TSV, Parquet or JSON file into a DuckDB source as a table (named after the file unless given). */
export const uploadToDataSource = (id: string, file: File, choices: UploadChoices) =>
  apiFetch<UploadResult>(`/api/data-sources/${segment(id)}/files`, {
    method: "POST",
    body: uploadForm(file, choices),
  });

export const dropSourceTable = (id: string, table: string) =>
  apiSend<z.output<typeof droppedTableSchema>>(
    "DELETE",
    `/api/data-sources/${segment(id)}/tables/${segment(table)}`,
  );
