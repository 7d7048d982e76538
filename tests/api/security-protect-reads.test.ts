import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunningServer } from "../support/server";
import { startTestServer } from "../support/test-server";

// A server whose reads need the token too.
const TOKEN = "reads-token-8d2e6b41c09f7a35";
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ CUTOFF_TOKEN: TOKEN, CUTOFF_PROTECT_READS: "true", CUTOFF_DEMO: "false" });
});
afterAll(() => server?.stop());

const bearer = { authorization: `Bearer ${TOKEN}` };

test.each(["/api/datasets", "/api/datasets/1", "/api/datasets/1/metrics?threshold=0.5", "/api/imports/abc"])("GET %s without the token is a 401", async (path) => {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status).toBe(401);
  expect((await response.json()).error).toEqual({ code: "token_required", message: 'this Cutoff asks for its token to show anything: sign in at /sign-in, or send "Authorization: Bearer <token>"' });
});

test("with the token the API reads answer", async () => {
  const response = await fetch(`${server.url}/api/datasets`, { headers: bearer });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ datasets: [] });
});

test.each(["/", "/upload", "/datasets/1/gallery?threshold=0.4"])("the page %s sends the browser to sign in, and back afterwards", async (path) => {
  const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
});

test("pages answer with the token or the sign-in cookie", async () => {
  expect((await fetch(`${server.url}/upload`, { headers: bearer, redirect: "manual" })).status).toBe(200);
  const signIn = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: TOKEN }) });
  const cookie = signIn.headers.get("set-cookie")!.split(";")[0];
  expect((await fetch(`${server.url}/upload`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
});

test("the sign-in page, its scripts and the health check stay open", async () => {
  const page = await fetch(`${server.url}/sign-in?next=%2Fupload`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('action="/api/session"');
  expect(html).toContain('value="/upload"');
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
  expect((await fetch(`${server.url}${script}`)).status).toBe(200);
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
});

test.each([
  ["//evil.example/x", "/"],
  ["https://evil.example/", "/"],
  ["/\\evil.example", "/"],
  ["/sign-in", "/"],
  ["/datasets/3/impact?t=0.3", "/datasets/3/impact?t=0.3"],
])("after signing in, next=%s sends the browser to %s", async (next, location) => {
  const response = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token: TOKEN, next }), redirect: "manual" });
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe(location);
});
