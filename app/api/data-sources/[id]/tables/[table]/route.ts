import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { dropTable } from "@/lib/data-sources/upload";
import { db } from "@/lib/db/client";

// DELETE /api/data-sources/:id/tables/:table — drops one table of a DuckDB source → 200 { dropped }
export const DELETE = withUser<{ id: string; table: string }>(async ({ user, params }) =>
  NextResponse.json(await dropTable(db(), user, params.id, params.table, dataSourceDeps(db()))),
);

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
