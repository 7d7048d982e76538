import { expect, inject, test } from "vitest";

const baseUrl = inject("baseUrl");

async function demoId(): Promise<number> {
  const { datasets } = (await (await fetch(`${baseUrl}/api/datasets`)).json()) as { datasets: { id: number; isDemo: boolean }[] };
  return datasets.find((d) => d.isDemo)!.id;
}

/** The CSP directives of a response, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

const pages = ["/", "/upload", "/datasets/{id}", "/datasets/{id}/impact", "/datasets/{id}/gallery", "/datasets/{id}/brief?t=0.5", "/no-such-page"];

test.each(pages)("%s has a CSP whose script nonce is on every one of its scripts", async (page) => {
  const response = await fetch(`${baseUrl}${page.replace("{id}", String(await demoId()))}`);
  const csp = response.headers.get("content-security-policy");
  expect(csp).not.toBeNull();
  const policy = directives(csp!);
  const nonceSource = policy.get("script-src")!.find((s) => s.startsWith("'nonce-"))!;
  expect(nonceSource).toMatch(/^'nonce-[A-Za-z0-9+/]{22}=='$/);
  expect(policy.get("script-src")).toEqual(["'self'", nonceSource, "'strict-dynamic'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(csp).not.toContain("unsafe-eval");
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(3);
  const nonce = nonceSource.slice("'nonce-".length, -1);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
});

test("every page view gets a fresh nonce", async () => {
  const nonces = new Set<string>();
  for (let i = 0; i < 5; i++) nonces.add(/'nonce-([^']+)'/.exec((await fetch(`${baseUrl}/`)).headers.get("content-security-policy")!)![1]);
  expect(nonces.size).toBe(5);
});

test("a nonce sent by the client is not the page's", async () => {
  const response = await fetch(`${baseUrl}/`, { headers: { "x-nonce": "AAAAAAAAAAAAAAAAAAAAAA==", "content-security-policy": "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='" } });
  expect(response.headers.get("content-security-policy")).not.toContain("AAAAAAAAAAAAAAAAAAAAAA==");
  expect(await response.text()).not.toContain('nonce="AAAAAAAAAAAAAAAAAAAAAA=="');
});

test("pages keep the headers next.config.js sends", async () => {
  const response = await fetch(`${baseUrl}/upload`);
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("same-origin");
  expect(response.headers.get("permissions-policy")).toBe("camera=(), microphone=(), geolocation=()");
});

test("API answers run nothing and cannot be framed", async () => {
  const response = await fetch(`${baseUrl}/api/datasets`);
  expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
});

test.each([
  ["/api/datasets/%2e%2e", 404],
  ["/api/datasets/%2E%2E", 404],
  ["/api/datasets/.%2e", 404],
  ["/api/datasets/{id}/%2e%2e", 404],
  ["/api/datasets/", 404],
])("%s answers %i, not a redirect", async (path, status) => {
  const response = await fetch(`${baseUrl}${path.replace("{id}", String(await demoId()))}`, { redirect: "manual" });
  expect(response.status).toBe(status);
  expect(response.headers.get("location")).toBeNull();
  expect((await response.json()).error.code).toBe("not_found");
});

test("a page address with a trailing slash still redirects to the page", async () => {
  const response = await fetch(`${baseUrl}/upload/?x=1`, { redirect: "manual" });
  expect(response.status).toBe(308);
  expect(response.headers.get("location")).toBe("/upload?x=1");
});
