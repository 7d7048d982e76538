import { randomBytes } from "node:crypto";

/** A fresh nonce for one page: 16 random bytes, base64 (the form Next.js reads from the CSP header). */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of a page. Scripts run only with this response's nonce (Next.js puts
 * it on its own scripts; 'strict-dynamic' lets them load the app's chunks). Style sheets are the
 * app's own; inline `style` attributes are allowed (React renders them, they run no code).
 * Images may come from any http(s) URL: a dataset's image column holds such URLs. No framing, no
 * plugins, no <base>, forms post only here. 'unsafe-eval' only in development (React's dev tools use eval).
 */
export function pageSecurityPolicy(nonce: string, development: boolean): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
