/**
 * Host names Cutoff answers to. A page on evil.example whose DNS name is re-pointed at 127.0.0.1
 * (DNS rebinding) reaches the server with `Host: evil.example`; answering only the names Cutoff is
 * known by keeps such pages out.
 */

/** Loopback names, always served. */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"] as const;

/** Listen addresses that mean "every interface": not names anyone reaches the server by. */
const WILDCARD_ADDRESSES = new Set(["0.0.0.0", "[::]"]);

const NAME = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;
const BRACKETED_IPV6 = /^\[[0-9a-f:.]+\]$/;

/**
 * The host name of a `Host` header value: lower case, without its port or a trailing dot, IPv6
 * addresses in brackets (`[::1]`). Null when the value is not a host name with an optional port.
 */
export function hostName(value: string): string | null {
  const v = value.trim().toLowerCase();
  let name: string;
  let port: string;
  if (v.startsWith("[")) {
    const end = v.indexOf("]");
    if (end < 0) return null;
    name = v.slice(0, end + 1);
    port = v.slice(end + 1);
    if (!BRACKETED_IPV6.test(name)) return null;
  } else {
    const colon = v.indexOf(":");
    name = colon < 0 ? v : v.slice(0, colon);
    port = colon < 0 ? "" : v.slice(colon);
    if (name.endsWith(".")) name = name.slice(0, -1);
    if (!NAME.test(name)) return null;
  }
  if (port && !/^:\d{1,5}$/.test(port)) return null;
  return name;
}

/** A configured name (HOST or a CUTOFF_ALLOWED_HOSTS entry) as `hostName` writes it; a bare IPv6 address gets its brackets. */
export function configuredHostName(entry: string): string | null {
  const v = entry.trim();
  return hostName(/^[0-9a-f:.]+$/i.test(v) && v.split(":").length > 2 ? `[${v}]` : v);
}

/** Whether a HOST value listens on every interface (then it names no host). */
export function isWildcardAddress(host: string): boolean {
  const name = configuredHostName(host);
  return name !== null && WILDCARD_ADDRESSES.has(name);
}

/** A comma-separated list of host names, normalised; a message naming the first bad entry instead. */
export function parseHostList(list: string): string[] | string {
  const names: string[] = [];
  for (const entry of list.split(",").map((e) => e.trim()).filter(Boolean)) {
    const name = configuredHostName(entry);
    if (name === null) return `${JSON.stringify(entry.slice(0, 80))} is not a host name: list names or addresses without a scheme or path, e.g. cutoff.example,10.0.0.5`;
    names.push(name);
  }
  return names;
}
