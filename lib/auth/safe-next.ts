/**
 * Where to go after signing in: `next` when it stays on this origin, else home. Resolved the way the
 * browser will resolve it, so `//evil.example` and `/\evil.example` (a backslash counts as a slash)
 * are caught along with absolute URLs.
 */
export function safeNext(next: string | null, origin: string): string {
  if (!next) return "/";
  try {
    const url = new URL(next, origin);
    return url.origin === origin ? url.pathname + url.search + url.hash : "/";
  } catch {
    return "/";
  }
}
