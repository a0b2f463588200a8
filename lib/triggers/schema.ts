import { z } from "zod";

// What webhook triggers look like to the API and the browser (no server code: components import it).

export const createTriggerBodySchema = z
  .strictObject({
    kind: z.literal("webhook", { error: 'must be "webhook"' }).default("webhook"),
    /** Calls must carry X-QueryFlow-Signature: sha256=HMAC-SHA256 of the body with a secret shown once. */
    signed: z.boolean().default(false),
  })
  .default({ kind: "webhook", signed: false });

export const updateTriggerBodySchema = z.strictObject({ enabled: z.boolean() });

export const triggerResponseSchema = z.object({
  id: z.uuid(),
  kind: z.literal("webhook"),
  /** POST here to start a run; the URL is the secret (anyone with it can start runs). */
  url: z.string(),
  signed: z.boolean(),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  lastCalledAt: z.iso.datetime().nullable(),
});
export type TriggerResponse = z.output<typeof triggerResponseSchema>;

/** What a webhook starts: a composition or a standalone workflow (by the id the API takes). */
export type TriggerTarget = { compositionId: string } | { workflowId: string };

export const SIGNATURE_HEADER = "x-queryflow-signature";
