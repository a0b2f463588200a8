import { handle, route } from "@/lib/auth/handle";
import { dataSourcesApi as api } from "@/lib/data-sources/api";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { testDataSource } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.test, async ({ user, params }) => testDataSource(db(), user, params.id, dataSourceDeps(db()))),
);
