import { z } from "zod";
import { tokenScopes } from "@/lib/api/scopes";

// What API tokens look like to the API and the browser (no server code here: the account page imports it).

export const TOKEN_PREFIX = "qf_";

export const createTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(z.enum(tokenScopes))
    .min(1)
    .overwrite((scopes) => [...new Set(scopes)]),
  /** Absent or null: the token does not expire. */
  expiresAt: z.iso
    .datetime({ offset: true })
    .nullable()
    .optional()
    .refine((at) => !at || Date.parse(at) > Date.now(), "must be in the future"),
});

export const tokenResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The token's first characters, to tell tokens apart; the token itself is shown once. */
  prefix: z.string(),
  scopes: z.array(z.enum(tokenScopes)),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type TokenResponse = z.output<typeof tokenResponseSchema>;
