import { NextResponse } from "next/server";
import { RETRY_AFTER_SECONDS } from "@/lib/api/error-response";
import { metaApi as api } from "@/lib/api/meta-api";
import { handlePublic, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { databaseIsUp } from "@/lib/db/health";

// The process itself is alive either way: a database that does not answer is 503, not an error.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handlePublic(api.health, async () => {
    const up = await databaseIsUp(db());
    if (up) return { status: "ok", database: "up" } as const;
    const headers = { "Retry-After": String(RETRY_AFTER_SECONDS) };
    return NextResponse.json({ status: "degraded", database: "down" }, { status: 503, headers });
  }),
);
