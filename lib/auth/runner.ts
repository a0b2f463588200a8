import type { SessionUser } from "./session";

/**
 * Whose rights a run without a signed-in user has (a schedule's): its owner's, or — when the owner's
 * account is gone, or the composition belongs to no one, like the demo — no one's: the catalog,
 * public templates and shared data sources only.
 */
export function runnerOf(
  owner: { id: string; name: string; email: string; role: string } | null,
): SessionUser {
  return owner
    ? { id: owner.id, name: owner.name, email: owner.email, role: owner.role === "admin" ? "admin" : "user" }
    : { id: "", name: "", email: "", role: "user" };
}
