import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { countDirectly, DAY, finalLabel, sendStream, START, streamRows } from "../support/drifting-stream";

/** A webhook receiver on localhost: it answers `statusFor(n)` to its n-th request (1-based) and keeps every body. */
async function startReceiver(statusFor: (n: number, body: Record<string, unknown>) => number | Promise<number>) {
  const received: { at: number; body: Record<string, unknown> & { alert: { key: string; kind: string; start: string } } }[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", async () => {
      const body = JSON.parse(text);
      received.push({ at: Date.now(), body });
      res.statusCode = await statusFor(received.length, body);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise((r) => server.close(r)) };
}

interface Alert {
  id: number;
  key: string;
  kind: string;
  start: string;
  message: string;
  active: boolean;
  values: Record<string, unknown>;
  webhook: { status: string; attempts: number; error: string | null };
}

let server: RunningServer;
const rows = streamRows(21);
let id = 0;

const json = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const alerts = async (all = false) => (await json(`/api/datasets/${id}/alerts${all ? "?all=true" : ""}`)).body as { active: number; alerts: Alert[] };
async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  // Retries wait 40, 80, 160 ms here (1, 2, 4 s by default).
  server = await startServer({ CUTOFF_WEBHOOK_RETRY_MS: "40", CUTOFF_DEMO: "false" });
  id = await sendStream(server.url, rows);
});
afterAll(async () => server?.stop());

/** Misses a day of day d at 0.5, as the API computes them: fn among labelled × rows / labelled. */
const missesOfDay = (d: number) => {
  const c = countDirectly(rows.filter((r) => r.time !== null && Math.floor((r.time - START) / DAY) === d).map((r) => ({ score: r.score, label: finalLabel(r) })), 0.5);
  return (c.fn / c.labeled) * c.rows;
};

describe("alerts: rules checked when saved and on every append, kept once per rule and day", () => {
  const limit = Math.floor(Math.min(...Array.from({ length: 10 }, (_, d) => missesOfDay(d)))) + 0.5;

  test("saving the rules checks them: misses above the limit on the days above it, drift on the drifted days, each POSTed once after two failures", async () => {
    const attempts = new Map<string, number>();
    const attemptOf = (body: Record<string, unknown>) => {
      const key = (body.alert as { key: string }).key;
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      return attempts.get(key)!;
    };
    const receiver = await startReceiver((_n, body) => (attemptOf(body) <= 2 ? 500 : 200));
    try {
      const rules = [{ kind: "misses", perDayAbove: limit }, { kind: "drift" }];
      const saved = await json(`/api/datasets/${id}/monitoring/settings`, { method: "PUT", body: JSON.stringify({ deployedThreshold: 0.5, alerts: rules, webhookUrl: receiver.url }) });
      expect(saved.status).toBe(200);
      const expectedMisses = Array.from({ length: 10 }, (_, d) => d).filter((d) => missesOfDay(d) > limit);
      expect(expectedMisses.length).toBeGreaterThan(0);
      const list = await alerts();
      const keys = list.alerts.map((a) => a.key).sort();
      const expected = [...expectedMisses.map((d) => `misses>${limit}:day:${new Date(START + d * DAY).toISOString()}`), ...[6, 7, 8, 9].map((d) => `drift:day:${new Date(START + d * DAY).toISOString()}`)].sort();
      expect(keys).toEqual(expected);
      expect(saved.body.check).toEqual({ raised: expected.length, created: expected.length });
      const delivered = await until("deliveries", alerts, (l) => l.alerts.every((a) => a.webhook.status === "delivered"));
      expect(delivered.alerts.every((a) => a.webhook.attempts === 3)).toBe(true);
      expect(receiver.received.length).toBe(3 * expected.length);
      const first = receiver.received[0].body;
      expect(first).toMatchObject({ type: "cutoff.alert", dataset: { id, name: "production stream" }, page: `/datasets/${id}/monitoring` });
      expect(Object.keys(first.alert as object).sort()).toEqual(["createdAt", "id", "key", "kind", "message", "period", "rule", "start", "threshold", "values"]);
      // Saving again raises the same alerts: nothing new, nothing sent.
      const again = await json(`/api/datasets/${id}/monitoring/settings`, { method: "PUT", body: JSON.stringify({ deployedThreshold: 0.5, alerts: rules, webhookUrl: receiver.url }) });
      expect(again.body.check).toEqual({ raised: expected.length, created: 0 });
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.received.length).toBe(3 * expected.length);
    } finally {
      await receiver.close();
    }
  });

  test("an append that breaks a rule raises its alert after the append has answered; a slow webhook never holds the append", async () => {
    const receiver = await startReceiver(() => new Promise((resolve) => setTimeout(() => resolve(200), 1500)));
    try {
      await json(`/api/datasets/${id}/monitoring/settings`, { method: "PUT", body: JSON.stringify({ deployedThreshold: 0.5, alerts: [{ kind: "misses", perDayAbove: limit }, { kind: "drift" }, { kind: "flagRate", min: null, max: 0.5 }], webhookUrl: receiver.url }) });
      const before = receiver.received.length;
      // 40 transactions on 15 Oct, all scored 0.9: a flag rate of 100%.
      const day = new Date(START + 10 * DAY + 3_600_000).toISOString();
      const batch = Array.from({ length: 40 }, (_, i) => JSON.stringify({ transaction_id: `late-${i}`, timestamp: day, fraud_probability: 0.9, is_fraud: 0 })).join("\n");
      const response = await fetch(`${server.url}/api/datasets/${id}/rows`, { method: "POST", headers: { "content-type": "application/x-ndjson" }, body: batch });
      const answered = Date.now();
      expect(response.status).toBe(201);
      const list = await until("the flag rate alert", alerts, (l) => l.alerts.some((a) => a.kind === "flagRate"));
      const alert = list.alerts.find((a) => a.kind === "flagRate")!;
      expect(alert).toMatchObject({ start: "2026-10-15T00:00:00.000Z", active: true, values: { flagRate: 1, min: null, max: 0.5 } });
      expect(alert.message).toBe("100% of items were flagged on 15 Oct 2026, above the expected maximum of 50%.");
      await until("its delivery", async () => receiver.received.slice(before), (r) => r.some((x) => x.body.alert.kind === "flagRate"));
      const hit = receiver.received.slice(before).find((x) => x.body.alert.kind === "flagRate")!;
      expect(hit.at).toBeGreaterThanOrEqual(answered - 50);
    } finally {
      await receiver.close();
    }
  });

  test("late labels that bring a day back under the limit clear its alert; all=true still lists it", async () => {
    const worst = Array.from({ length: 10 }, (_, d) => d).sort((a, b) => missesOfDay(b) - missesOfDay(a))[0];
    const labelled = rows.filter((r) => r.time !== null && Math.floor((r.time - START) / DAY) === worst && r.label === 1 && r.score < 0.5 && finalLabel(r) === 1);
    const misses = (await alerts()).alerts.find((a) => a.kind === "misses" && a.start === new Date(START + worst * DAY).toISOString());
    expect(misses, `day ${worst} has a misses alert`).toBeDefined();
    // Relabel that day's missed positives as negatives: its misses a day fall to 0.
    const response = await fetch(`${server.url}/api/datasets/${id}/labels`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ labels: labelled.map((r) => ({ exampleId: r.id, label: "0" })) }) });
    expect(response.status).toBe(200);
    await until("cleared", alerts, (l) => !l.alerts.some((a) => a.id === misses!.id));
    const all = await alerts(true);
    expect(all.alerts.find((a) => a.id === misses!.id)).toMatchObject({ active: false });
    expect(all.active).toBe(all.alerts.filter((a) => a.active).length);
  });

  test("a webhook that keeps failing is given up after 4 attempts, saying why", async () => {
    const receiver = await startReceiver(() => 503);
    try {
      await json(`/api/datasets/${id}/monitoring/settings`, { method: "PUT", body: JSON.stringify({ deployedThreshold: 0.5, alerts: [{ kind: "labeled", shareBelow: 1, afterDays: 0 }], webhookUrl: receiver.url }) });
      const list = await until("failed deliveries", alerts, (l) => l.alerts.length > 0 && l.alerts.every((a) => a.webhook.status === "failed"));
      expect(list.alerts.every((a) => a.kind === "labeled" && a.webhook.attempts === 4 && a.webhook.error === "the webhook answered 503")).toBe(true);
      expect(receiver.received.length).toBe(4 * list.alerts.length);
    } finally {
      await receiver.close();
    }
  });

  test("the home page shows the dataset's active alerts as a badge", async () => {
    const { active } = await alerts();
    const html = await (await fetch(`${server.url}/`)).text();
    expect(active).toBeGreaterThan(0);
    expect(html).toContain(`aria-label="${active} monitoring ${active === 1 ? "alert" : "alerts"} for production stream" href="/datasets/${id}/monitoring"`);
  });
});
