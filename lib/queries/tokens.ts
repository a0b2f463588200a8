import type { z } from "zod";
import type { createTokenBodySchema, TokenResponse } from "@/lib/auth/token-schema";
import { apiSend, segment } from "./fetch-client";

/** A new API token, with its secret (shown once). */
export const createToken = (body: z.input<typeof createTokenBodySchema>) =>
  apiSend<{ token: TokenResponse; secret: string }>("POST", "/api/tokens", body);

export const revokeToken = (id: string) => apiSend<void>("DELETE", `/api/tokens/${segment(id)}`);
