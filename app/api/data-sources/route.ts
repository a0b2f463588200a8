import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { createDataSourceBodySchema } from "@/lib/data-sources/schema";
import { createDataSource, listDataSources } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";

// GET /api/data-sources — your sources, the shared ones and the sample warehouse (every one for an admin)
export const GET = withUser(async ({ user }) =>
  NextResponse.json({ dataSources: await listDataSources(db(), user) }),
);

// POST /api/data-sources — a PostgreSQL source (fields or a URL); the password is sealed, never returned
export const POST = withUser(async ({ req, user }) => {
  const body = createDataSourceBodySchema.parse(await readJson(req));
  return NextResponse.json(
    { dataSource: await createDataSource(db(), user, body, dataSourceDeps(db())) },
    { status: 201 },
  );
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
