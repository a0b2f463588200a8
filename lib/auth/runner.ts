import { type SessionUser, toSessionUser } from "./user";

/**
 * Whose rights a run without a signed-in user has (a schedule's): its owner's, or — when the owner's
 * account is gone, or the composition belongs to no one, like the demo — no one's: the catalog,
 * public templates and shared data sources only.
 */
export function runnerOf(
  owner: { id: string; name: string; email: string; role: string } | null,
): SessionUser {
  return owner ? toSessionUser(owner) : { id: "", name: "", email: "", role: "user" };
}
