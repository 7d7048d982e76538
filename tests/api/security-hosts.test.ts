import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { rawRequest } from "../support/raw-request";
import type { RunningServer } from "../support/server";
import { startTestServer } from "../support/test-server";

// The shared server answers only loopback names (HOST=127.0.0.1); a second one also serves the
// names in CUTOFF_ALLOWED_HOSTS.
const baseUrl = inject("baseUrl");
const port = new URL(baseUrl).port;
let listed: RunningServer;
beforeAll(async () => {
  listed = await startTestServer({ CUTOFF_ALLOWED_HOSTS: "cutoff.example, 10.0.0.7,fd00::7", CUTOFF_DEMO: "false" });
});
afterAll(() => listed?.stop());

const paths = ["/", "/upload", "/api/health", "/api/datasets"];

test.each(paths)("GET %s with Host: evil.example (DNS rebinding) is a 421 naming the host", async (path) => {
  const response = await rawRequest(`${baseUrl}${path}`, { headers: { host: `evil.example:${port}` } });
  expect(response.status).toBe(421);
  expect(JSON.parse(response.body)).toEqual({
    error: { code: "host_not_served", message: 'this Cutoff does not answer to the host name "evil.example"; if people reach it by that name, add it to CUTOFF_ALLOWED_HOSTS' },
  });
});

test("a write with another Host is refused before it is read", async () => {
  const response = await rawRequest(`${baseUrl}/api/datasets?name=rebound`, { method: "POST", headers: { host: "evil.example", "content-type": "text/csv" }, body: "label,score\n1,0.9\n" });
  expect(response.status).toBe(421);
});

test("static files are not served to another Host either", async () => {
  const html = await (await fetch(`${baseUrl}/`)).text();
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
  expect((await rawRequest(`${baseUrl}${script}`, { headers: { host: "evil.example" } })).status).toBe(421);
  expect((await rawRequest(`${baseUrl}${script}`, { headers: { host: `127.0.0.1:${port}` } })).status).toBe(200);
});

test.each(["localhost", `localhost:${port}`, "LOCALHOST.", "127.0.0.1", `[::1]:${port}`])("Host: %s is served", async (host) => {
  const response = await rawRequest(`${baseUrl}/api/health`, { headers: { host } });
  expect(response.status).toBe(200);
});

test.each(["evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "cutoff.example", "[::2]", "0.0.0.0"])("on the shared server Host: %s is a 421", async (host) => {
  expect((await rawRequest(`${baseUrl}/api/health`, { headers: { host } })).status).toBe(421);
});

test.each([
  ["cutoff.example", 200],
  ["Cutoff.Example:8443", 200],
  ["10.0.0.7", 200],
  ["[fd00::7]:80", 200],
  ["localhost", 200],
  ["www.cutoff.example", 421],
  ["10.0.0.8", 421],
])("with CUTOFF_ALLOWED_HOSTS, Host: %s answers %i", async (host, status) => {
  expect((await rawRequest(`${listed.url}/api/health`, { headers: { host } })).status).toBe(status);
  expect((await rawRequest(`${listed.url}/`, { headers: { host } })).status).toBe(status);
});

test("a Host that is not a host name is a 400", async () => {
  const response = await rawRequest(`${baseUrl}/api/health`, { headers: { host: "evil.example/path" } });
  expect(response.status).toBe(400);
});
