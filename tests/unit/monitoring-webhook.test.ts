import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { postWithRetries, webhookBody } from "@/lib/services/webhooks";
import type { AlertView } from "@/lib/db/types";

// A receiver on localhost answering each path's scripted statuses in turn (the last one repeats).
const scripts: Record<string, number[]> = { "/ok": [200], "/flaky": [500, 503, 204], "/down": [500], "/gone": [404], "/slow": [-1] };
const hits: Record<string, { at: number; body: unknown }[]> = {};
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      const list = (hits[req.url!] ??= []);
      list.push({ at: Date.now(), body: JSON.parse(text) });
      const script = scripts[req.url!] ?? [404];
      const status = script[Math.min(list.length, script.length) - 1];
      if (status === -1) return; // never answers
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("alert webhooks: a JSON POST, retried with backoff", () => {
  test.each([
    ["/ok", { delivered: true, attempts: 1, error: null }, 1],
    ["/flaky", { delivered: true, attempts: 3, error: null }, 3],
    ["/down", { delivered: false, attempts: 4, error: "the webhook answered 500" }, 4],
    ["/gone", { delivered: false, attempts: 1, error: "the webhook answered 404" }, 1],
  ])("%s → %j after %s requests", async (path, result, requests) => {
    const attempts: number[] = [];
    expect(await postWithRetries(`${base}${path}`, { n: 1 }, { baseDelayMs: 20, onAttempt: (r) => void attempts.push(r.attempts) })).toEqual(result);
    expect(hits[path].length).toBe(requests);
    expect(attempts).toEqual(Array.from({ length: requests }, (_, i) => i + 1));
    expect(hits[path][0].body).toEqual({ n: 1 });
  });

  test("waits twice as long before each retry", async () => {
    await postWithRetries(`${base}/down`, {}, { baseDelayMs: 60, attempts: 3 });
    const at = hits["/down"].slice(-3).map((h) => h.at);
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(55);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(115);
  });

  test("a receiver that never answers times out; one that is not listening cannot be reached", async () => {
    expect(await postWithRetries(`${base}/slow`, {}, { baseDelayMs: 1, attempts: 1, timeoutMs: 200 })).toEqual({ delivered: false, attempts: 1, error: "the webhook did not answer within 0.2 s" });
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await postWithRetries(`http://127.0.0.1:${port}/x`, {}, { baseDelayMs: 1, attempts: 2 })).toEqual({ delivered: false, attempts: 2, error: "the webhook could not be reached (ECONNREFUSED)" });
  });

  test("the body names the dataset, the alert and its page", () => {
    const alert = { id: 3, datasetId: 7, key: "drift:day:2026-10-15T00:00:00.000Z", kind: "drift", period: "day", start: "2026-10-15T00:00:00.000Z", message: "The scores drifted…", rule: { kind: "drift" }, values: { ks: 0.2 }, threshold: 0.5, createdAt: "2026-10-16T08:00:00.000Z", clearedAt: null, active: true, webhook: { status: "pending", attempts: 0, error: null, deliveredAt: null } } satisfies AlertView;
    expect(webhookBody(alert, { id: 7, name: "fraud stream" })).toEqual({
      type: "cutoff.alert",
      dataset: { id: 7, name: "fraud stream" },
      alert: { id: 3, key: "drift:day:2026-10-15T00:00:00.000Z", kind: "drift", period: "day", start: "2026-10-15T00:00:00.000Z", message: "The scores drifted…", values: { ks: 0.2 }, rule: { kind: "drift" }, threshold: 0.5, createdAt: "2026-10-16T08:00:00.000Z" },
      page: "/datasets/7/monitoring",
    });
  });
});
