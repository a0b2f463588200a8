import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

// GET /api/openapi.json — the API described from its zod schemas (public: it holds no data)
export const GET = () => NextResponse.json(openApiDocument());
