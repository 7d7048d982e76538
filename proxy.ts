import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageSecurityPolicy } from "./lib/access/csp";
import { isWrite } from "./lib/access/cross-site";
import { currentPolicy, refusalOf } from "./lib/access/policy";
import { errorResponse, refusalResponse } from "./lib/http";

/**
 * Runs before every page (and static file): the access policy of lib/access, trailing slashes,
 * and a Content-Security-Policy with a fresh nonce, which Next.js reads from the request's CSP
 * header and puts on its scripts. API routes are left to `handle()` (lib/http.ts): running a proxy
 * on a request with a body makes Next.js buffer that body, and uploads stream up to 2 GB.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const refusal = refusalOf(currentPolicy(), { method: request.method, pathname, headers: request.headers });
  const isApi = pathname.startsWith("/api/");
  if (refusal) {
    const wantsSignIn = refusal.status === 401 && !isApi && !isWrite(request.method);
    if (!wantsSignIn) return refusalResponse(refusal);
    return NextResponse.redirect(new URL(`/sign-in?next=${encodeURIComponent(pathname + search)}`, request.url), 303);
  }
  // Only API paths ending in "/" come here, among them `/api/datasets/%2e%2e` (resolved to `/api/`).
  if (isApi) return errorResponse(404, "not_found", "no API route ends in \"/\"");
  if (pathname !== "/" && pathname.endsWith("/")) {
    return NextResponse.redirect(new URL(pathname.replace(/\/+$/, "") + search, request.url), 308);
  }
  if (pathname.startsWith("/_next/")) return NextResponse.next();

  const nonce = newNonce();
  const policy = pageSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Everything but the API, plus API paths that end in "/" (which no route answers).
  matcher: ["/((?!api/).*)", "/(api/(?:.*/)?)"],
};
