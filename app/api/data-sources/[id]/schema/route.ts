import { handle, route } from "@/lib/auth/handle";
import { dataSourcesApi as api } from "@/lib/data-sources/api";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { dataSourceSchema } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.schema, async ({ user, params, query }) =>
    dataSourceSchema(db(), user, params.id, { refresh: query.refresh === "true" }, dataSourceDeps(db())),
  ),
);
