import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/api/error-response";
import { otherMethods } from "@/lib/api/methods";
import { readBodyText } from "@/lib/api/read-json";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { callHook } from "@/lib/triggers/hooks";
import { SIGNATURE_HEADER } from "@/lib/triggers/schema";

/** A webhook's body is run parameters: far less than this. */
const HOOK_BODY_BYTES = 1024 * 1024;

// POST /api/hooks/:hookId — start a run; the body is its parameters (a JSON object); 202 with the run.
// No session: the URL is the secret (and, for a signed webhook, X-QueryFlow-Signature). Other sites
// call it by design, so there is no same-origin check; no cookie is read.
export async function POST(req: Request, context: { params: Promise<{ hookId: string }> }) {
  try {
    const { hookId } = await context.params;
    const body = await readBodyText(req, HOOK_BODY_BYTES);
    const execution = await callHook(db(), env(), {
      hookId,
      body,
      signature: req.headers.get(SIGNATURE_HEADER),
    });
    return NextResponse.json({ execution }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
