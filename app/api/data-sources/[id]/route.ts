import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { updateDataSourceBodySchema } from "@/lib/data-sources/schema";
import { deleteDataSource, getDataSource, updateDataSource } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";

type Params = { id: string };

// GET /api/data-sources/:id
export const GET = withUser<Params>(async ({ user, params }) =>
  NextResponse.json({ dataSource: await getDataSource(db(), user, params.id) }),
);

// PUT /api/data-sources/:id — the whole source; a changed server or user needs the password again
export const PUT = withUser<Params>(async ({ req, user, params }) => {
  const body = updateDataSourceBodySchema.parse(await readJson(req));
  return NextResponse.json({
    dataSource: await updateDataSource(db(), user, params.id, body, dataSourceDeps(db())),
  });
});

// DELETE /api/data-sources/:id
export const DELETE = withUser<Params>(async ({ user, params }) => {
  await deleteDataSource(db(), user, params.id, dataSourceDeps(db()));
  return new NextResponse(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods("GET", "PUT", "DELETE");
