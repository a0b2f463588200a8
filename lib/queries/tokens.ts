import { useMutation } from "@tanstack/react-query";
import type { BodyInput } from "@/lib/api/contract";
import { accountsApi as api } from "@/lib/auth/api";
import { call } from "./fetch-client";

/** A new API token, with its secret (shown once). */
export const createToken = (body: BodyInput<typeof api.createToken>) => call(api.createToken, { body });

export const revokeToken = (id: string) => call(api.revokeToken, { params: { id } });

/** Making and revoking tokens (the account page keeps the list it was given). */
export const useTokenChanges = () => ({
  create: useMutation({ mutationFn: createToken }),
  revoke: useMutation({ mutationFn: revokeToken }),
});
