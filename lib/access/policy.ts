import { config, type Config } from "../config";
import { presentedCredential } from "./credentials";
import { crossSiteSource, isWrite } from "./cross-site";
import { LOOPBACK_HOSTS, configuredHostName, hostName, isWildcardAddress } from "./hosts";

/** Who may do what on this server, from its configuration. */
export interface AccessPolicy {
  /** CUTOFF_TOKEN; null: no token is asked for. */
  token: string | null;
  /** Reads (API and pages) need the token too. */
  protectReads: boolean;
  /** Host names answered (`hostName` form). */
  servedHosts: ReadonlySet<string>;
}

/** What the policy looks at in a request. `pathname` is the routed path (dot segments resolved). */
export interface AccessRequest {
  method: string;
  pathname: string;
  headers: Headers;
}

/** Why a request is refused, as the API's error shape wants it. */
export interface Refusal {
  status: 400 | 401 | 403 | 421;
  code: "host_invalid" | "host_not_served" | "cross_site_write" | "token_required" | "token_invalid" | "backup_needs_token";
  message: string;
}

export function accessPolicy(env: Config): AccessPolicy {
  const served = new Set<string>(LOOPBACK_HOSTS);
  const host = configuredHostName(env.HOST);
  if (host && !isWildcardAddress(env.HOST)) served.add(host);
  for (const name of env.CUTOFF_ALLOWED_HOSTS) served.add(name);
  return { token: env.CUTOFF_TOKEN ?? null, protectReads: env.CUTOFF_PROTECT_READS, servedHosts: served };
}

let cached: AccessPolicy | undefined;

/** The process's policy (from `config()`). */
export function currentPolicy(): AccessPolicy {
  cached ??= accessPolicy(config());
  return cached;
}

/** Signing in and out needs no token (it is how a browser gets one); other writes do. */
const SESSION_PATH = "/api/session";

/**
 * A backup is the whole database in one download: it always needs the token, and without a token
 * configured it is refused (the command line `npm run backup`, which needs access to the file,
 * still works).
 */
export const BACKUP_PATH = "/api/backup";

/** Reads open even with CUTOFF_PROTECT_READS: the sign-in page, what it loads, and the health check. */
function isOpenRead(pathname: string): boolean {
  return pathname === "/sign-in" || pathname === "/api/health" || pathname === "/favicon.ico" || pathname.startsWith("/_next/");
}

/** Whether a request must present the token. */
export function needsToken(policy: AccessPolicy, method: string, pathname: string): boolean {
  if (!policy.token) return false;
  if (pathname === BACKUP_PATH) return true;
  if (isWrite(method)) return pathname !== SESSION_PATH;
  return policy.protectReads && !isOpenRead(pathname);
}

const SIGN_IN_HINT = 'sign in at /sign-in, or send "Authorization: Bearer <token>"';

/**
 * Checks, in order: the Host is one this server answers to (421), a write does not come from
 * another site (403, token or not), and the token is presented where it is needed (401).
 * Null: let the request through.
 */
export function refusalOf(policy: AccessPolicy, request: AccessRequest): Refusal | null {
  const host = request.headers.get("host");
  const name = host === null ? null : hostName(host);
  if (name === null) return { status: 400, code: "host_invalid", message: "the request needs a Host header naming this server" };
  if (!policy.servedHosts.has(name)) {
    return { status: 421, code: "host_not_served", message: `this Cutoff does not answer to the host name "${name.slice(0, 100)}"; if people reach it by that name, add it to CUTOFF_ALLOWED_HOSTS` };
  }
  if (isWrite(request.method)) {
    const source = crossSiteSource(request.headers);
    if (source) return { status: 403, code: "cross_site_write", message: `a write from another site is refused (${source}): only Cutoff's own pages and non-browser clients can change data` };
  }
  if (request.pathname === BACKUP_PATH && !policy.token) {
    return { status: 403, code: "backup_needs_token", message: "backups over HTTP need a token: start Cutoff with CUTOFF_TOKEN set and send it, or run `npm run backup -- <file>` on the server" };
  }
  if (policy.token && needsToken(policy, request.method, request.pathname)) {
    const credential = presentedCredential(request.headers, policy.token);
    const what = isWrite(request.method) ? "to change data" : request.pathname === BACKUP_PATH ? "to download a backup" : "to show anything";
    if (credential === "none") return { status: 401, code: "token_required", message: `this Cutoff asks for its token ${what}: ${SIGN_IN_HINT}` };
    if (credential === "invalid") return { status: 401, code: "token_invalid", message: `the token sent is not this Cutoff's token: ${SIGN_IN_HINT}` };
  }
  return null;
}

/** Where the sign-in page may send the browser back to: a path on this site, else "/". */
export function safeReturnPath(value: string | null | undefined): string {
  const plain = !!value && [...value].every((c) => c.charCodeAt(0) > 0x20 && c !== "\\");
  if (!value || !plain || !value.startsWith("/") || value.startsWith("//")) return "/";
  if (value === "/sign-in" || value.startsWith("/sign-in?")) return "/";
  return value.slice(0, 2000);
}
