import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { pagePolicy } from "@/lib/security/headers";

const PUBLIC_PAGES = ["/sign-in", "/sign-up", "/sign-out", "/invite"];

/**
 * Every page: a fresh nonce and the Content-Security-Policy that admits only scripts carrying it
 * (Next.js reads the policy from the request and puts the nonce on its own scripts). Anonymous
 * visitors of app pages go to the sign-in page, remembering where they were going; this only looks
 * for the session cookie — pages and API routes verify the session themselves.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
  if (!isPublic && !getSessionCookie(request)) {
    const signIn = new URL("/sign-in", request.url);
    if (pathname !== "/") signIn.searchParams.set("next", pathname + search);
    return NextResponse.redirect(signIn);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = pagePolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
