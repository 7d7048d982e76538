import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The sign-in cookie: HttpOnly (no script reads it), SameSite=Lax, 30 days. */
export const SESSION_COOKIE = "cutoff_session";
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const digest = (secret: string) => createHash("sha256").update(secret, "utf8").digest();

/**
 * Whether a presented secret equals the expected one, in time that does not depend on where they
 * differ: both are hashed to 32 bytes first, so even their lengths stay hidden.
 */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The sign-in cookie's value for a token: an HMAC of a fixed label keyed by it, so the cookie never holds the token. */
export function sessionValue(token: string): string {
  return createHmac("sha256", token).update("cutoff session v1").digest("base64url");
}

/** What a request presents: no credential, the right one, or a wrong one. */
export type Credential = "none" | "valid" | "invalid";

/**
 * Checks `Authorization: Bearer <token>`, else the sign-in cookie. Other Authorization schemes
 * (a reverse proxy's Basic auth) are not Cutoff's and are passed over.
 */
export function presentedCredential(headers: Headers, token: string): Credential {
  const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(headers.get("authorization") ?? "");
  if (bearer) return sameSecret(bearer[1], token) ? "valid" : "invalid";
  const cookie = cookieValue(headers.get("cookie"), SESSION_COOKIE);
  if (cookie !== null) return sameSecret(cookie, sessionValue(token)) ? "valid" : "invalid";
  return "none";
}

/** The value of one cookie in a Cookie header, or null. */
export function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Set-Cookie for a signed-in browser; `secure` when the page was served over HTTPS. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_SECONDS}${secure ? "; Secure" : ""}`;
}

/** Set-Cookie that signs the browser out. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}
