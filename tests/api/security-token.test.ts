import { afterAll, beforeAll, expect, test } from "vitest";
import { writeRoutes } from "../support/api-routes";
import { tableCounts } from "../support/ingest-client";
import type { RunningServer } from "../support/server";
import { startTestServer } from "../support/test-server";

// A second server with a token; reads stay open.
const TOKEN = "test-token-3f9c1a7e5b2d4c60";
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ CUTOFF_TOKEN: TOKEN, CUTOFF_DEMO: "false" });
});
afterAll(() => server?.stop());

const csv = "label,score\n1,0.9\n0,0.2\n1,0.6\n";
const upload = (headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/datasets?name=tokened`, { method: "POST", headers: { "content-type": "text/csv", ...headers }, body: csv });

/** Signs in as the sign-in page's form does; the session cookie's `name=value`. */
async function signIn(token: string): Promise<{ response: Response; cookie: string | null }> {
  const response = await fetch(`${server.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
    body: new URLSearchParams({ token, next: "/datasets/1?t=0.4" }),
    redirect: "manual",
  });
  const setCookie = response.headers.get("set-cookie");
  return { response, cookie: setCookie ? setCookie.split(";")[0] : null };
}

test("an upload without a token is a 401 saying how to send one, and nothing is imported", async () => {
  const response = await upload();
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe('Bearer realm="Cutoff"');
  expect(await response.json()).toEqual({
    error: { code: "token_required", message: 'this Cutoff asks for its token to change data: sign in at /sign-in, or send "Authorization: Bearer <token>"' },
  });
  expect((await tableCounts(server.database)).datasets).toBe(0);
});

test.each([
  ["a wrong token of the same length", `Bearer ${TOKEN.replace(/.$/, "x")}`],
  ["a prefix of the token", `Bearer ${TOKEN.slice(0, 10)}`],
  ["the token and more", `Bearer ${TOKEN}0`],
  ["an empty bearer", "Bearer "],
  ["the token in another scheme", `Token ${TOKEN}`],
])("%s is a 401", async (_label, authorization) => {
  const response = await upload({ authorization });
  expect(response.status).toBe(401);
  expect((await tableCounts(server.database)).datasets).toBe(0);
});

test("with Authorization: Bearer <token> the upload is a 201", async () => {
  const response = await upload({ authorization: `Bearer ${TOKEN}` });
  expect(response.status).toBe(201);
  expect((await response.json()).rows).toBe(3);
});

test.each(writeRoutes().filter((r) => r.path !== "/api/session").map((r) => [r.method, r.path]))("%s %s without the token is a 401", async (method, path) => {
  const response = await fetch(`${server.url}${path}`, { method, headers: { "content-type": "application/json" }, body: "{}" });
  expect(response.status).toBe(401);
  expect((await response.json()).error.code).toBe("token_required");
});

test("reads stay open: the API and the pages answer without a token", async () => {
  expect((await fetch(`${server.url}/api/datasets`)).status).toBe(200);
  const page = await fetch(`${server.url}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('href="/sign-in"');
});

test("a cross-site write with the right token is still a 403", async () => {
  const response = await upload({ authorization: `Bearer ${TOKEN}`, origin: "http://evil.example" });
  expect(response.status).toBe(403);
});

test("signing in with a wrong token sends the form back saying so, with no cookie", async () => {
  const { response, cookie } = await signIn("not-the-token-at-all");
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe(`/sign-in?error=wrong&next=${encodeURIComponent("/datasets/1?t=0.4")}`);
  expect(cookie).toBeNull();
});

test("signing in sets an HttpOnly SameSite=Lax cookie that is not the token, and sends the browser on", async () => {
  const { response } = await signIn(TOKEN);
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe("/datasets/1?t=0.4");
  const setCookie = response.headers.get("set-cookie")!;
  expect(setCookie).toMatch(/^cutoff_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/);
  expect(setCookie).not.toContain(TOKEN);
});

test("the cookie is the credential for the UI's own writes; a forged one is a 401; signing out clears it", async () => {
  const { cookie } = await signIn(TOKEN);
  const { datasets } = (await (await fetch(`${server.url}/api/datasets`)).json()) as { datasets: { id: number }[] };
  const tag = (headers: Record<string, string>) =>
    fetch(`${server.url}/api/datasets/${datasets[0].id}/tags`, { method: "POST", headers: { "content-type": "application/json", origin: server.url, "sec-fetch-site": "same-origin", ...headers }, body: JSON.stringify({ name: `t${Math.floor(performance.now())}` }) });
  expect((await tag({ cookie: cookie! })).status).toBe(201);
  expect((await tag({ cookie: `${cookie!}x` })).status).toBe(401);
  expect((await tag({ cookie: `cutoff_session=${TOKEN}` })).status).toBe(401);
  const page = await (await fetch(`${server.url}/`, { headers: { cookie: cookie! } })).text();
  expect(page).toContain("Sign out");
  const signOut = await fetch(`${server.url}/api/session`, { method: "DELETE", headers: { cookie: cookie!, origin: server.url } });
  expect(signOut.status).toBe(204);
  expect(signOut.headers.get("set-cookie")).toBe("cutoff_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
});

test("JSON sign-in answers 204 or 401", async () => {
  const post = (token: string) => fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
  const right = await post(TOKEN);
  expect(right.status).toBe(204);
  expect(right.headers.get("set-cookie")).toMatch(/^cutoff_session=/);
  const wrong = await post("wrong-token-wrong-token");
  expect(wrong.status).toBe(401);
  expect((await wrong.json()).error.code).toBe("token_invalid");
});

test("the token never appears in the server's output", () => {
  expect(server.output()).not.toContain(TOKEN);
});
