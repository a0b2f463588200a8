import { NextResponse } from "next/server";
import { RETRY_AFTER_SECONDS } from "@/lib/api/error-response";
import { otherMethods } from "@/lib/api/methods";
import { db } from "@/lib/db/client";
import { databaseIsUp } from "@/lib/db/health";

// GET /api/health — no sign-in: 200 when the app and its database answer, 503 when the database does
// not (the process itself is alive either way), for load balancers and orchestrators.
export async function GET() {
  const up = await databaseIsUp(db());
  return NextResponse.json(
    { status: up ? "ok" : "degraded", database: up ? "up" : "down" },
    { status: up ? 200 : 503, headers: up ? {} : { "Retry-After": String(RETRY_AFTER_SECONDS) } },
  );
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
