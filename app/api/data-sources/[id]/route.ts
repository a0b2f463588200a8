import { handle, route } from "@/lib/auth/handle";
import { dataSourcesApi as api } from "@/lib/data-sources/api";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { deleteDataSource, getDataSource, updateDataSource } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.get, async ({ user, params }) => ({ dataSource: await getDataSource(db(), user, params.id) })),
  handle(api.update, async ({ user, params, body }) => ({
    dataSource: await updateDataSource(db(), user, params.id, body, dataSourceDeps(db())),
  })),
  handle(api.delete, async ({ user, params }) =>
    deleteDataSource(db(), user, params.id, dataSourceDeps(db())),
  ),
);
