import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "./auth";
import { type SessionUser, toSessionUser } from "./user";

/** The signed-in user for these request headers, or null. */
export async function getSessionUser(requestHeaders: Headers): Promise<SessionUser | null> {
  const session = await auth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return toSessionUser(session.user as typeof session.user & { role?: string });
}

/** For server components: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser(await headers());
  if (!user) redirect("/sign-in");
  return user;
}
