import { handle, route } from "@/lib/auth/handle";
import { dataSourcesApi as api } from "@/lib/data-sources/api";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { dropTable } from "@/lib/data-sources/upload";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.dropTable, async ({ user, params }) =>
    dropTable(db(), user, params.id, params.table, dataSourceDeps(db())),
  ),
);
