import { useMutation } from "@tanstack/react-query";
import type { BodyInput } from "@/lib/api/contract";
import { accountsApi as api } from "@/lib/auth/api";
import { call } from "./fetch-client";

/** A new invite, with the sign-up link that is shown once. */
export const createInvite = (body: BodyInput<typeof api.createInvite>) => call(api.createInvite, { body });

export const withdrawInvite = (id: string) => call(api.deleteInvite, { params: { id } });

/** Making and withdrawing invites (the admin page keeps the list it was given). */
export const useInviteChanges = () => ({
  create: useMutation({ mutationFn: createInvite }),
  withdraw: useMutation({ mutationFn: withdrawInvite }),
});
