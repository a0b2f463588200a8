import { z } from "zod";

/** The body of POST /api/invites. */
export const createInviteBodySchema = z.object({ note: z.string().trim().max(200).default("") });

/** An invite as the API returns it (OpenAPI and the API tests). */
export const inviteResponseSchema = z.object({
  id: z.uuid(),
  note: z.string(),
  status: z.enum(["open", "used", "expired"]),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  usedAt: z.iso.datetime().nullable(),
  usedByEmail: z.string().nullable(),
});
