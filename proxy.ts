import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";

// Sends anonymous visitors of app pages to the sign-in page, remembering where they were going.
// This only looks for the session cookie; pages and API routes verify the session itself.
export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") signIn.searchParams.set("next", target);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!api/|_next/|sign-in|sign-up|sign-out|favicon\\.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
