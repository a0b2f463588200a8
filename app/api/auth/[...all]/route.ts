import { toNextJsHandler } from "better-auth/next-js";
import type { NextRequest } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { auth } from "@/lib/auth/auth";
import { withDatabaseCheck } from "@/lib/auth/database-check";

// better-auth's endpoints (sign-up, sign-in, sign-out, session). Resolved per request so the
// build never needs a database.
export const GET = (req: NextRequest) => withDatabaseCheck(() => toNextJsHandler(auth()).GET(req));
export const POST = (req: NextRequest) => withDatabaseCheck(() => toNextJsHandler(auth()).POST(req));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
