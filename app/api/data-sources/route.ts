import { handle, route } from "@/lib/auth/handle";
import { dataSourcesApi as api } from "@/lib/data-sources/api";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { createDataSource, listDataSources } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.list, async ({ user }) => ({ dataSources: await listDataSources(db(), user) })),
  handle(api.create, async ({ user, body }) => ({
    dataSource: await createDataSource(db(), user, body, dataSourceDeps(db())),
  })),
);
