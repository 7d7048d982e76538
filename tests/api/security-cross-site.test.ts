import { expect, inject, test } from "vitest";
import { writeRoutes } from "../support/api-routes";

const baseUrl = inject("baseUrl");
const own = new URL(baseUrl);

/** The demo dataset's id (the shared server seeds it on first start). */
async function demoId(): Promise<number> {
  const { datasets } = (await (await fetch(`${baseUrl}/api/datasets`)).json()) as { datasets: { id: number; isDemo: boolean }[] };
  return datasets.find((d) => d.isDemo)!.id;
}

async function tagNames(id: number): Promise<string[]> {
  const { tags } = (await (await fetch(`${baseUrl}/api/datasets/${id}/tags`)).json()) as { tags: { name: string }[] };
  return tags.map((t) => t.name);
}

/** A tag POST as a page elsewhere can send it without a CORS preflight: text/plain, with the headers its browser adds. */
const postTag = (id: number, name: string, headers: Record<string, string>) =>
  fetch(`${baseUrl}/api/datasets/${id}/tags`, { method: "POST", headers: { "content-type": "text/plain", ...headers }, body: JSON.stringify({ name }) });

test("a text/plain tag POST from http://evil.example is a 403 in the one error shape, and no tag is made", async () => {
  const id = await demoId();
  const response = await postTag(id, "planted by evil.example", { origin: "http://evil.example" });
  expect(response.status).toBe(403);
  const body = await response.json();
  expect(body).toEqual({ error: { code: "cross_site_write", message: expect.stringContaining("Origin: http://evil.example") } });
  expect(body.error.message).toContain("only Cutoff's own pages and non-browser clients can change data");
  expect(await tagNames(id)).not.toContain("planted by evil.example");
});

test.each([
  ["Origin: null (a sandboxed frame or a file: page)", { origin: "null" }],
  ["Origin on another port of the same host", { origin: `http://${own.hostname}:1` }],
  ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ["Sec-Fetch-Site: same-site (another app on localhost)", { "sec-fetch-site": "same-site" }],
  ["Sec-Fetch-Site: cross-site with our own Origin", { "sec-fetch-site": "cross-site", origin: own.origin }],
])("%s is refused with a 403", async (_label, headers) => {
  const id = await demoId();
  const response = await postTag(id, `refused ${JSON.stringify(headers)}`, headers);
  expect(response.status).toBe(403);
  expect(await tagNames(id)).not.toContain(`refused ${JSON.stringify(headers)}`);
});

test.each([
  ["our own Origin (a same-origin fetch)", { origin: own.origin }],
  ["Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin", origin: own.origin }],
  ["Sec-Fetch-Site: none (typed by the user)", { "sec-fetch-site": "none" }],
  ["no Origin and no Sec-Fetch-Site (curl, the CLI, scripts)", {}],
])("%s still writes: 201", async (label, headers) => {
  const id = await demoId();
  const name = `allowed: ${label}`.slice(0, 60);
  const response = await postTag(id, name, headers);
  expect(response.status).toBe(201);
  expect(await tagNames(id)).toContain(name);
  const { id: tagId } = (await response.json()) as { id: number };
  expect((await fetch(`${baseUrl}/api/datasets/${id}/tags/${tagId}`, { method: "DELETE", headers: { origin: own.origin } })).status).toBe(204);
});

test("an upload (text/csv POST) from another site is refused before anything is imported", async () => {
  const before = ((await (await fetch(`${baseUrl}/api/datasets`)).json()) as { datasets: unknown[] }).datasets.length;
  const response = await fetch(`${baseUrl}/api/datasets?name=evil`, { method: "POST", headers: { "content-type": "text/plain", origin: "http://evil.example" }, body: "label,score\n1,0.9\n0,0.1\n" });
  expect(response.status).toBe(403);
  expect(((await (await fetch(`${baseUrl}/api/datasets`)).json()) as { datasets: unknown[] }).datasets.length).toBe(before);
});

test.each(writeRoutes().map((r) => [r.method, r.path]))("%s %s from http://evil.example is a 403", async (method, path) => {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { "content-type": "text/plain", origin: "http://evil.example" }, body: "{}" });
  expect(response.status).toBe(403);
  expect((await response.json()).error.code).toBe("cross_site_write");
});

test("reads from other sites are not refused (they cannot read the answer without CORS)", async () => {
  const response = await fetch(`${baseUrl}/api/datasets`, { headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" } });
  expect(response.status).toBe(200);
  expect(response.headers.get("access-control-allow-origin")).toBeNull();
});
