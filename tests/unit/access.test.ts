import { expect, test } from "vitest";
import { parseConfig } from "@/lib/config";
import { presentedCredential, sameSecret, sessionValue } from "@/lib/access/credentials";
import { crossSiteSource, isWrite } from "@/lib/access/cross-site";
import { hostName, parseHostList } from "@/lib/access/hosts";
import { accessPolicy, needsToken, refusalOf, safeReturnPath } from "@/lib/access/policy";
import { pageSecurityPolicy } from "@/lib/access/csp";

const TOKEN = "unit-token-0123456789abcdef";

test.each([
  ["localhost:3000", "localhost"],
  ["LocalHost", "localhost"],
  ["localhost.", "localhost"],
  ["127.0.0.1:80", "127.0.0.1"],
  ["[::1]:3000", "[::1]"],
  ["[::1]", "[::1]"],
  ["cutoff.example", "cutoff.example"],
  ["my_host-1.lan", "my_host-1.lan"],
  ["", null],
  ["evil.example/x", null],
  ["evil.example:", null],
  ["evil.example:80:80", null],
  ["user@evil.example", null],
  ["-x.example", null],
  ["[::1", null],
  ["[evil]", null],
])("hostName(%j) = %j", (value, name) => {
  expect(hostName(value)).toBe(name);
});

test.each([
  ["", []],
  ["cutoff.example", ["cutoff.example"]],
  [" Cutoff.Example , 10.0.0.5:8080,::1, [fd00::2] ,", ["cutoff.example", "10.0.0.5", "[::1]", "[fd00::2]"]],
  ["http://cutoff.example", '"http://cutoff.example" is not a host name: list names or addresses without a scheme or path, e.g. cutoff.example,10.0.0.5'],
  ["ok.example,bad host", '"bad host" is not a host name: list names or addresses without a scheme or path, e.g. cutoff.example,10.0.0.5'],
])("parseHostList(%j)", (list, expected) => {
  expect(parseHostList(list)).toEqual(expected);
});

test("the served hosts are loopback, HOST unless it is a wildcard, and CUTOFF_ALLOWED_HOSTS", () => {
  expect([...accessPolicy(parseConfig({})).servedHosts]).toEqual(["localhost", "127.0.0.1", "[::1]"]);
  expect([...accessPolicy(parseConfig({ HOST: "0.0.0.0" })).servedHosts]).toEqual(["localhost", "127.0.0.1", "[::1]"]);
  expect([...accessPolicy(parseConfig({ HOST: "::" })).servedHosts]).toEqual(["localhost", "127.0.0.1", "[::1]"]);
  expect([...accessPolicy(parseConfig({ HOST: "box.lan", CUTOFF_ALLOWED_HOSTS: "cutoff.example" })).servedHosts]).toEqual(["localhost", "127.0.0.1", "[::1]", "box.lan", "cutoff.example"]);
});

test.each([
  ["GET", false],
  ["head", false],
  ["OPTIONS", false],
  ["POST", true],
  ["PUT", true],
  ["PATCH", true],
  ["DELETE", true],
  ["PROPFIND", true],
])("isWrite(%s) = %s", (method, write) => {
  expect(isWrite(method)).toBe(write);
});

test.each([
  [{}, null],
  [{ origin: "http://localhost:3000", host: "localhost:3000" }, null],
  [{ origin: "http://LOCALHOST:3000", host: "localhost:3000" }, null],
  [{ origin: "http://cutoff.example", host: "cutoff.example:80" }, null],
  [{ origin: "https://cutoff.example", host: "cutoff.example" }, null],
  [{ origin: "http://localhost:3001", host: "localhost:3000" }, "Origin: http://localhost:3001"],
  [{ origin: "http://127.0.0.1:3000", host: "localhost:3000" }, "Origin: http://127.0.0.1:3000"],
  [{ origin: "null", host: "localhost:3000" }, "Origin: null"],
  [{ origin: "file://", host: "localhost:3000" }, "Origin: file://"],
  [{ origin: "http://localhost:3000" }, "Origin: http://localhost:3000"],
  [{ "sec-fetch-site": "same-origin", origin: "http://evil.example", host: "localhost" }, null],
  [{ "sec-fetch-site": "none" }, null],
  [{ "sec-fetch-site": "same-site", origin: "http://localhost:3000", host: "localhost:3000" }, "Sec-Fetch-Site: same-site"],
  [{ "sec-fetch-site": "Cross-Site" }, "Sec-Fetch-Site: cross-site"],
])("crossSiteSource(%j) = %j", (headers, source) => {
  expect(crossSiteSource(new Headers(headers))).toBe(source);
});

test("tokens compare equal only when identical, whatever their lengths", () => {
  expect(sameSecret(TOKEN, TOKEN)).toBe(true);
  for (const other of ["", TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), ` ${TOKEN}`]) expect(sameSecret(other, TOKEN)).toBe(false);
});

test("the session cookie's value is an HMAC of the token: 43 base64url characters, stable, not the token", () => {
  const value = sessionValue(TOKEN);
  expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(sessionValue(TOKEN)).toBe(value);
  expect(sessionValue(`${TOKEN}x`)).not.toBe(value);
  expect(value).not.toContain(TOKEN);
});

test.each([
  [{}, "none"],
  [{ authorization: `Bearer ${TOKEN}` }, "valid"],
  [{ authorization: `bearer  ${TOKEN} ` }, "valid"],
  [{ authorization: `Bearer ${TOKEN}x` }, "invalid"],
  [{ authorization: "Basic dXNlcjpwYXNz" }, "none"],
  [{ authorization: "Basic dXNlcjpwYXNz", cookie: `a=1; cutoff_session=${sessionValue(TOKEN)}` }, "valid"],
  [{ cookie: `cutoff_session=${TOKEN}` }, "invalid"],
  [{ cookie: "other=1" }, "none"],
  [{ authorization: "Bearer wrong-wrong-wrong", cookie: `cutoff_session=${sessionValue(TOKEN)}` }, "invalid"],
])("presentedCredential(%j) = %s", (headers, credential) => {
  expect(presentedCredential(new Headers(headers), TOKEN)).toBe(credential);
});

test("which requests need the token", () => {
  const open = accessPolicy(parseConfig({}));
  const writes = accessPolicy(parseConfig({ CUTOFF_TOKEN: TOKEN }));
  const all = accessPolicy(parseConfig({ CUTOFF_TOKEN: TOKEN, CUTOFF_PROTECT_READS: "true" }));
  const cases: [string, string][] = [["POST", "/api/datasets"], ["DELETE", "/api/datasets/1"], ["POST", "/api/session"], ["DELETE", "/api/session"], ["GET", "/api/datasets"], ["GET", "/"], ["GET", "/sign-in"], ["GET", "/api/health"], ["GET", "/_next/static/chunks/a.js"]];
  expect(cases.map(([m, p]) => needsToken(open, m, p))).toEqual([false, false, false, false, false, false, false, false, false]);
  expect(cases.map(([m, p]) => needsToken(writes, m, p))).toEqual([true, true, false, false, false, false, false, false, false]);
  expect(cases.map(([m, p]) => needsToken(all, m, p))).toEqual([true, true, false, false, true, true, false, false, false]);
});

test("the host is checked first, then the site, then the token", () => {
  const policy = accessPolicy(parseConfig({ CUTOFF_TOKEN: TOKEN }));
  const check = (headers: Record<string, string>) => refusalOf(policy, { method: "POST", pathname: "/api/datasets", headers: new Headers(headers) })?.status ?? null;
  expect(check({ host: "evil.example", origin: "http://evil.example" })).toBe(421);
  expect(check({ host: "localhost", origin: "http://evil.example" })).toBe(403);
  expect(check({ host: "localhost", origin: "http://evil.example", authorization: `Bearer ${TOKEN}` })).toBe(403);
  expect(check({ host: "localhost" })).toBe(401);
  expect(check({ host: "localhost", authorization: `Bearer ${TOKEN}` })).toBe(null);
  expect(check({})).toBe(400);
});

test.each([
  [undefined, "/"],
  ["", "/"],
  ["/datasets/2?t=0.3", "/datasets/2?t=0.3"],
  ["datasets", "/"],
  ["//evil.example", "/"],
  ["/\\evil.example", "/"],
  ["https://evil.example", "/"],
  ["/a\nb", "/"],
  ["/sign-in", "/"],
  ["/sign-in?next=/x", "/"],
])("safeReturnPath(%j) = %j", (value, path) => {
  expect(safeReturnPath(value)).toBe(path);
});

test("the page CSP: nonce'd scripts, no eval in production, no framing", () => {
  expect(pageSecurityPolicy("abc=", false)).toBe(
    "default-src 'self'; script-src 'self' 'nonce-abc=' 'strict-dynamic'; style-src 'self' 'nonce-abc='; style-src-attr 'unsafe-inline'; img-src 'self' data: blob: http: https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  expect(pageSecurityPolicy("abc=", true)).toContain("script-src 'self' 'nonce-abc=' 'strict-dynamic' 'unsafe-eval';");
});
