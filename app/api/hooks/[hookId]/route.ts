import { readBodyText } from "@/lib/api/read-json";
import { handlePublic, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { nodeStatusSchema } from "@/lib/statuses";
import { triggersApi as api } from "@/lib/triggers/api";
import { callHook } from "@/lib/triggers/hooks";
import { SIGNATURE_HEADER } from "@/lib/triggers/schema";

/** A webhook's body is run parameters: far less than this. */
const HOOK_BODY_BYTES = 1024 * 1024;

// No session: the URL is the secret (and, for a signed webhook, X-QueryFlow-Signature over the raw
// body, so the body is read as text here). Other sites call it by design: no same-origin check.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handlePublic(api.call, async ({ req, params }) => {
    const body = await readBodyText(req, HOOK_BODY_BYTES);
    const signature = req.headers.get(SIGNATURE_HEADER);
    const run = await callHook(db(), env(), { hookId: params.hookId, body, signature });
    return { execution: { id: run.id, status: nodeStatusSchema.parse(run.status) } };
  }),
);
