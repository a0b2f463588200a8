import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { testDataSource } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";

// POST /api/data-sources/:id/test — connect once: the server's version and the latency, or 422 with the driver's words
export const POST = withUser<{ id: string }>(
  async ({ user, params }) =>
    NextResponse.json(await testDataSource(db(), user, params.id, dataSourceDeps(db()))),
  { scope: "read" },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
