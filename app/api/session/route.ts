import { z } from "zod";
import { clearedSessionCookie, sameSecret, sessionCookie } from "@/lib/access/credentials";
import { currentPolicy, safeReturnPath } from "@/lib/access/policy";
import { HttpError, fromZodError, handle, refusalResponse, requestBody } from "@/lib/http";

export const dynamic = "force-dynamic";

/** A sign-in form is a token and a path; anything bigger than this is not one. */
const MAX_BODY_BYTES = 8192;

const signInFields = z.object({
  token: z.string({ error: "token is required" }).min(1, "token is required").max(1024, "token is too long"),
  next: z.string().optional(),
});

/** Whether the page was served over HTTPS (directly or behind a proxy that says so): the cookie is then Secure. */
const overHttps = (request: Request) => new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";

/** The body as text, refused past MAX_BODY_BYTES without reading the rest. */
async function readSmallBody(request: Request): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of requestBody(request)) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "body_too_large", `a sign-in body is at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * POST /api/session — signs a browser in: the sign-in page's form (urlencoded `token`, `next`)
 * gets a 303 back to `next` (or to the form, saying the token is wrong); a JSON `{"token"}` gets
 * 204 or 401. Either way a right token sets the HttpOnly session cookie.
 */
export const POST = handle(async (request: Request) => {
  const isForm = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
  const text = await readSmallBody(request);
  let raw: unknown;
  try {
    raw = isForm ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_request", 'send the sign-in form, or JSON {"token": "…"}');
  }
  const parsed = signInFields.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error, "sign-in");
  const next = safeReturnPath(parsed.data.next);
  const { token } = currentPolicy();
  if (!token) {
    if (isForm) return new Response(null, { status: 303, headers: { Location: next } });
    throw new HttpError(404, "no_token", "this Cutoff has no CUTOFF_TOKEN: there is nothing to sign in to");
  }
  if (!sameSecret(parsed.data.token, token)) {
    if (isForm) return new Response(null, { status: 303, headers: { Location: `/sign-in?error=wrong&next=${encodeURIComponent(next)}` } });
    return refusalResponse({ status: 401, code: "token_invalid", message: "the token sent is not this Cutoff's token" });
  }
  const cookie = sessionCookie(token, overHttps(request));
  if (isForm) return new Response(null, { status: 303, headers: { Location: next, "Set-Cookie": cookie, "Cache-Control": "no-store" } });
  return new Response(null, { status: 204, headers: { "Set-Cookie": cookie, "Cache-Control": "no-store" } });
});

/** DELETE /api/session — signs the browser out (clears the cookie) → 204. */
export const DELETE = handle(async (request: Request) => new Response(null, { status: 204, headers: { "Set-Cookie": clearedSessionCookie(overHttps(request)) } }));
