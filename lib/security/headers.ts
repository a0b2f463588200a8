/**
 * Response headers every answer carries (set by our server, scripts/serve.ts): no MIME sniffing, no
 * framing by other sites, no full URLs leaked to other sites, and HSTS when the app is served over
 * https. Pages get their full Content-Security-Policy from the proxy, which knows their nonce.
 */
export function securityHeaders(appUrl: string): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(appUrl.startsWith("https://")
      ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" }
      : {}),
  };
}

/**
 * The policy of a page: scripts only from this origin and with this response's nonce (Next.js puts
 * it on its own scripts when it sees it in the request's policy), no plugins, no framing, forms and
 * connections to this origin only. Inline style attributes stay allowed: React Flow and the charts
 * position elements with them, and a style attribute cannot carry a nonce.
 */
export function pagePolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
