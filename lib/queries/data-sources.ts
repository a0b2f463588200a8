import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  connectionTestSchema,
  createDataSourceBodySchema,
  dataSourceResponseSchema,
  schemaResponseSchema,
  updateDataSourceBodySchema,
  uploadModeSchema,
  uploadResponseSchema,
} from "@/lib/data-sources/schema";
import { apiFetch, apiSend, segment } from "./fetch-client";

export type DataSource = z.output<typeof dataSourceResponseSchema>;
export type SourceSchema = z.output<typeof schemaResponseSchema>;

export const dataSourceKeys = {
  all: ["data-sources"] as const,
  list: () => [...dataSourceKeys.all, "list"] as const,
  schema: (id: string) => [...dataSourceKeys.all, id, "schema"] as const,
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

/** Uploads a CSV, TSV, Parquet or JSON file into a DuckDB source as a table (named after the file unless given). */
export type UploadMode = z.input<typeof uploadModeSchema>;

export function uploadToDataSource(id: string, file: File, mode?: UploadMode) {
  const form = new FormData();
  form.set("file", file);
  if (mode) form.set("mode", mode);
  return apiFetch<z.output<typeof uploadResponseSchema>>(`/api/data-sources/${segment(id)}/files`, {
    method: "POST",
    body: form,
  });
}
