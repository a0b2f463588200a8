import { z } from "zod";
import { operation } from "@/lib/api/contract";
import {
  connectionTestSchema,
  createDataSourceBodySchema,
  dataSourceResponseSchema,
  droppedTableSchema,
  schemaQuerySchema,
  schemaResponseSchema,
  updateDataSourceBodySchema,
  uploadPreviewSchema,
  uploadResponseSchema,
} from "./schema";

// The data sources API: PostgreSQL sources, DuckDB sources and their uploaded tables, schemas.

const one = z.object({ dataSource: dataSourceResponseSchema });

export const dataSourcesApi = {
  list: operation({
    method: "GET",
    path: "/api/data-sources",
    summary: "Your data sources, the shared ones and the sample warehouse",
    response: z.object({ dataSources: z.array(dataSourceResponseSchema) }),
    status: 200,
    errors: [],
  }),
  create: operation({
    method: "POST",
    path: "/api/data-sources",
    summary: "Add a PostgreSQL source (fields or a URL); the password is sealed and never returned",
    body: createDataSourceBodySchema,
    response: one,
    status: 201,
    errors: [400, 403, 409, 422],
  }),
  get: operation({
    method: "GET",
    path: "/api/data-sources/{id}",
    summary: "One data source",
    response: one,
    status: 200,
    errors: [404],
  }),
  update: operation({
    method: "PUT",
    path: "/api/data-sources/{id}",
    summary: "Replace a source; a changed host, port, database or user needs the password again",
    body: updateDataSourceBodySchema,
    response: one,
    status: 200,
    errors: [400, 403, 404, 422],
  }),
  delete: operation({
    method: "DELETE",
    path: "/api/data-sources/{id}",
    summary: "Delete a source",
    response: null,
    status: 204,
    errors: [403, 404],
  }),
  test: operation({
    method: "POST",
    path: "/api/data-sources/{id}/test",
    summary: "Connect once: the server's version and the latency, or 422 with the driver's message",
    response: connectionTestSchema,
    status: 200,
    errors: [404, 422],
    // Connecting changes nothing: a read-only token may.
    scope: "read",
  }),
  upload: operation({
    method: "POST",
    path: "/api/data-sources/{id}/files",
    summary:
      "Upload a CSV, TSV, Parquet or JSON file into a DuckDB source as a table (mode = create | replace | append; create answers 409 with the existing table's rows when it exists; types = JSON {column: type}; badLines = skip loads a CSV's readable records and reports the others)",
    upload: true,
    response: uploadResponseSchema,
    status: 201,
    errors: [400, 404, 409, 413, 422],
  }),
  previewUpload: operation({
    method: "POST",
    path: "/api/data-sources/{id}/files/preview",
    summary:
      "What an upload would load, nothing written: columns as read and as typed, the first 20 rows, the row count, values that do not read as their chosen type, unreadable records, the rows of the table it would replace",
    upload: true,
    response: uploadPreviewSchema,
    status: 200,
    errors: [400, 404, 409, 413, 422],
  }),
  dropTable: operation({
    method: "DELETE",
    path: "/api/data-sources/{id}/tables/{table}",
    summary: "Drop one table of a DuckDB source",
    response: droppedTableSchema,
    status: 200,
    errors: [400, 403, 404, 409],
  }),
  schema: operation({
    method: "GET",
    path: "/api/data-sources/{id}/schema",
    summary: "Tables and columns the source's user can read, cached until refresh=true",
    query: schemaQuerySchema,
    response: schemaResponseSchema,
    status: 200,
    errors: [400, 404, 422],
  }),
};
