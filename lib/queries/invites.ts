import type { z } from "zod";
import type { createInviteBodySchema } from "@/lib/auth/invite-schema";
import type { InviteResponse } from "@/lib/auth/signup";
import { apiSend, segment } from "./fetch-client";

/** A new invite, with the sign-up link that is shown once. */
export const createInvite = (body: z.input<typeof createInviteBodySchema>) =>
  apiSend<InviteResponse & { link: string }>("POST", "/api/invites", body);

export const withdrawInvite = (id: string) => apiSend<void>("DELETE", `/api/invites/${segment(id)}`);
