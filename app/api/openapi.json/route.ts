import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { openApiDocument } from "./document";

// GET /api/openapi.json — the API described from its zod schemas (public: it holds no data)
export const GET = () => NextResponse.json(openApiDocument());

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
