/**
 * Writes from other sites. A page on any website can make the visitor's browser POST to a Cutoff on
 * localhost (a form, or `fetch` with a text/plain body needs no CORS preflight). Browsers say where a
 * request comes from in `Sec-Fetch-Site` and `Origin`, headers a page cannot set itself.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request method changes data (everything but GET, HEAD and OPTIONS). */
export function isWrite(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Where a cross-site request comes from (`Sec-Fetch-Site: cross-site`, `Origin: http://evil.example`),
 * or null when it comes from Cutoff's own pages or from a client that is not a browser (neither
 * header: curl, the CLI, scripts). `Sec-Fetch-Site` decides when present: it survives reverse
 * proxies that rewrite `Host`. `same-site` (another port or subdomain) is refused as well.
 */
export function crossSiteSource(headers: Headers): string | null {
  const site = headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site) return site === "same-origin" || site === "none" ? null : `Sec-Fetch-Site: ${site}`;
  const origin = headers.get("origin");
  if (origin === null) return null;
  const host = headers.get("host");
  return host !== null && sameHost(origin, host) ? null : `Origin: ${origin.slice(0, 100)}`;
}

/** Whether an Origin (`http://127.0.0.1:3000`) names the same host and port as a Host header. */
function sameHost(origin: string, host: string): boolean {
  try {
    const from = new URL(origin);
    if (from.protocol !== "http:" && from.protocol !== "https:") return false;
    return new URL(`${from.protocol}//${host}`).host === from.host;
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and anything unparsable
  }
}
