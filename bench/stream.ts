/**
 * Stream benchmark (issue 13), on a dataset already holding 5,000,000 rows (the ingest benchmark's
 * 5M-row file, imported first): sustained appends of 1,000-row batches through the API with
 * /metrics polled alongside; 10,000 late labels in one request; a 10,000-row append against the
 * same rows imported as a new dataset; and the server's RSS growth through all of it.
 */
import http from "node:http";
import path from "node:path";
import fs from "node:fs";
import { freePort } from "../tests/support/server";
import { benchFile } from "./ingest-files";
import { memoryOf, postFile, resetPeak, startBenchServer } from "./ingest-support";
import type { Benchmark, BenchRow } from "./types";

const TMP = path.join(import.meta.dirname, "tmp");
const BASE_ROWS = 5_000_000;
const BATCH = 1000;
/** How long appends run back to back. */
const SUSTAIN_MS = 30_000;
const HEADER = "transaction_id,timestamp,amount,merchant_category,country,is_fraud,fraud_probability";
const CATEGORIES = ["grocery", "travel", "electronics", "fuel"];
const COUNTRIES = ["US", "FR", "DE", "JP"];

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const megabytes = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

/** `count` new rows (ids `prefix-i`, no label yet), a minute apart after the file's last day. */
function rowsCsv(prefix: string, count: number, start: number): string {
  let out = `${HEADER}\n`;
  for (let i = 0; i < count; i++) {
    const k = start + i;
    const score = ((k * 7919) % 10_000) / 10_000;
    out += `${prefix}-${k},${new Date(Date.UTC(2026, 11, 1) + k * 60_000).toISOString()},${(10 + (k % 500)).toFixed(2)},${CATEGORIES[k % 4]},${COUNTRIES[k % 4]},,${score.toFixed(4)}\n`;
  }
  return out;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** One request over a kept-alive connection; its status, JSON body and wall milliseconds. */
function request(url: string, method: string, body?: string, type = "text/csv"): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const target = new URL(url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method, agent, headers: body === undefined ? {} : { "content-type": type, "content-length": Buffer.byteLength(body) } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (c) => (text += c));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, ms: performance.now() - started }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

export const benchmark: Benchmark = {
  name: "stream",
  description: `Production stream on a dataset already holding ${BASE_ROWS.toLocaleString("en-US")} rows (the ingest benchmark's 5M-row file, imported through the API first): 1,000-row CSV batches appended back to back through POST /rows for ${SUSTAIN_MS / 1000} s while another client polls GET /metrics; 10,000 late labels in one POST /labels; a 10,000-row append to the 5M-row dataset against the same rows imported as a new dataset (the reference, same run); and the server's peak RSS above its RSS once the 5M-row dataset was loaded.`,
  run: async () => {
    const file = await benchFile(TMP, "random-ids", BASE_ROWS);
    const databaseFile = path.join(TMP, "stream.db");
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });
    const server = await startBenchServer(databaseFile, await freePort());
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    try {
      const imported = await postFile(server.url, file, "name=stream-base");
      if (imported.status !== 201) throw new Error(`base import failed: ${imported.status} ${JSON.stringify(imported.body).slice(0, 300)}`);
      const id = imported.body.id as number;
      const api = `${server.url}/api/datasets/${id}`;
      // Loaded and summarized before the clock starts (a page view would do the same).
      for (const t of [0.5, 0.3]) if ((await request(`${api}/metrics?threshold=${t}`, "GET")).status !== 200) throw new Error("metrics failed");
      const loaded = memoryOf(server.pid).rss;
      resetPeak(server.pid);

      // Sustained appends, and /metrics polled by a second client while they run.
      const appendTimes: number[] = [];
      const metricTimes: number[] = [];
      let appending = true;
      const poller = (async () => {
        for (let k = 0; appending; k++) {
          const r = await request(`${api}/metrics?threshold=${(0.3 + (k % 50) / 100).toFixed(2)}`, "GET");
          if (r.status !== 200) throw new Error(`metrics: ${r.status}`);
          metricTimes.push(r.ms);
          await new Promise((done) => setTimeout(done, 20));
        }
      })();
      const started = performance.now();
      let batches = 0;
      while (performance.now() - started < SUSTAIN_MS) {
        const body = rowsCsv("live", BATCH, batches * BATCH);
        const r = await request(`${api}/rows`, "POST", body);
        if (r.status !== 201 || r.body.added !== BATCH) throw new Error(`append ${batches}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        appendTimes.push(r.ms);
        batches++;
      }
      const elapsed = performance.now() - started;
      appending = false;
      await poller;
      const rate = batches / (elapsed / 1000);
      const p99 = percentile(appendTimes, 99);
      rows.push({ metric: `sustained appends of ${BATCH.toLocaleString("en-US")}-row batches (${batches} batches in ${(elapsed / 1000).toFixed(0)} s)`, value: `${rate.toFixed(1)} batches/s`, goal: "≥ 10 batches/s", met: rate >= 10 });
      rows.push({ metric: "append batch, p99 (median)", value: `${ms(p99)} (${ms(percentile(appendTimes, 50))})`, goal: "≤ 250 ms", met: p99 <= 250 });
      const metricsP99 = percentile(metricTimes, 99);
      rows.push({ metric: `GET /metrics while appends run, p99 (median; ${metricTimes.length} requests)`, value: `${ms(metricsP99)} (${ms(percentile(metricTimes, 50))})`, goal: "≤ 20 ms", met: metricsP99 <= 20 });

      // 10,000 late labels for rows appended above.
      const labels = Array.from({ length: 10_000 }, (_, k) => ({ exampleId: `live-${k}`, label: k % 29 === 0 ? 1 : 0 }));
      const labelled = await request(`${api}/labels`, "POST", JSON.stringify({ labels }), "application/json");
      if (labelled.status !== 200) throw new Error(`labels: ${labelled.status} ${JSON.stringify(labelled.body).slice(0, 300)}`);

      // 10,000 rows appended to the 5M-row dataset vs the same rows imported as a new dataset.
      const tenK = rowsCsv("tenk", 10_000, 0);
      const pairs: { append: number; fresh: number }[] = [];
      for (let run = 0; run < 3; run++) {
        const fresh = await request(`${server.url}/api/datasets?name=tenk-${run}`, "POST", tenK);
        if (fresh.status !== 201) throw new Error(`10k import: ${fresh.status}`);
        const appended = await request(`${api}/rows`, "POST", rowsCsv(`tenk${run}`, 10_000, 0));
        if (appended.status !== 201) throw new Error(`10k append: ${appended.status} ${JSON.stringify(appended.body).slice(0, 200)}`);
        pairs.push({ append: appended.ms, fresh: fresh.ms });
        await request(`${server.url}/api/datasets/${fresh.body.id}`, "DELETE");
      }
      const ratio = percentile(pairs.map((p) => p.append / p.fresh), 50);
      rows.push({
        metric: "10,000 late labels in one request",
        value: ms(labelled.ms),
        reference: `${ms(percentile(pairs.map((p) => p.fresh), 50))} (importing 10,000 rows)`,
        ratio: `${(labelled.ms / percentile(pairs.map((p) => p.fresh), 50)).toFixed(2)}×`,
        goal: "≤ 1 s",
        met: labelled.ms <= 1000,
      });
      rows.push({
        metric: "10,000 rows appended to the 5M-row dataset vs imported as a new dataset (median of 3)",
        value: ms(percentile(pairs.map((p) => p.append), 50)),
        reference: `${ms(percentile(pairs.map((p) => p.fresh), 50))} (new dataset)`,
        ratio: `${ratio.toFixed(2)}×`,
        goal: "≤ 2× (grows with the batch, not the dataset)",
        met: ratio <= 2,
      });
      const growth = memoryOf(server.pid).peak - loaded;
      rows.push({ metric: "server peak RSS growth through the appends, labels and 10k runs", value: megabytes(growth), reference: `${megabytes(loaded)} with the 5M-row dataset loaded`, goal: "≤ 300 MB", met: growth <= 300 * 1024 ** 2 });
      const segments = await request(`${api}/batches`, "GET");
      notes.push(
        `Appends: ${appendTimes.length} batches, slowest ${ms(Math.max(...appendTimes))}; /metrics slowest ${ms(Math.max(...metricTimes))}. The dataset's history lists ${(segments.body.batches as unknown[] | undefined)?.length ?? "?"} batches at the end.`,
        "How: each append writes its rows and one small segment (its score order, labels, slice codes and id keys) in one transaction on the writer thread; readers keep the segments they have and read only the new one (keyed by segment id and revision), so a batch costs its own rows, not the dataset's. Small segments are merged in the background, four of a size at a time. Late labels rewrite the labels blob of the segments their rows are in and record each change.",
      );
    } finally {
      await server.stop();
      agent.destroy();
    }
    return { name: "stream", description: benchmark.description, rows, notes };
  },
};
