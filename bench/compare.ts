/**
 * Model comparison benchmark: two 1,000,000-row datasets of the same transactions (float32 and its
 * int8 copy, each in its own shuffled order, random-looking ids) written straight through the SQLite writer, joined by example id.
 * The first full report (join, id check, DeLong, pictures) and any new threshold or load in the
 * server's code (in this process, caches as a server keeps them), then the page in Chromium on a
 * the real server, `scripts/serve.mjs`: first load, and frames while the threshold and the review load are dragged.
 * Needs a production build (`next build`) and Chromium for the page rows.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { findChromium } from "../tests/support/chromium";
import { freePort } from "../tests/support/server";
import { writeBenchPair } from "./compare-data";
import { sliderWork } from "./browser-work";
import type { Benchmark, BenchRow } from "./types";
import { serverEnv } from "../scripts/lib/server-env";

const ROWS = 1_000_000;
const RUNS = 21;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function startApp(databaseUrl: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    env: serverEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl, CUTOFF_DEMO: "false", PORT: String(port), HOST: "127.0.0.1" }),
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`${url}/api/health`).catch(() => null))?.ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop: () => child.pid && process.kill(-child.pid, "SIGTERM") };
}

/** Frame intervals while `drag` runs: each frame notes whether the watched text changed since the last. */
async function framesDuring(page: Page, watch: string, drag: () => Promise<void>) {
  await page.evaluate(`(() => {
    window.frames_ = [];
    let last = performance.now();
    let value = document.querySelector(${JSON.stringify(watch)})?.textContent;
    const tick = (time) => {
      const next = document.querySelector(${JSON.stringify(watch)})?.textContent;
      window.frames_.push({ dt: time - last, changed: next !== value });
      last = time;
      value = next;
      if (!window.stopFrames_) requestAnimationFrame(tick);
    };
    window.stopFrames_ = false;
    requestAnimationFrame(tick);
  })()`);
  await drag();
  await page.waitForTimeout(300);
  await page.evaluate("window.stopFrames_ = true");
  return (await page.evaluate("window.frames_")) as { dt: number; changed: boolean }[];
}

export const benchmark: Benchmark = {
  name: "compare",
  description: `Model comparison of two ${ROWS.toLocaleString("en-US")}-row datasets joined by example id (random-looking ids, each file in its own shuffled order), 3% positives, one slice column.`,
  run: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-bench-compare-"));
    const databaseUrl = `file:${path.join(dir, "bench.db")}`;
    process.env.DATABASE_URL = databaseUrl;
    process.env.CUTOFF_DEMO = "false";
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    let app: Awaited<ReturnType<typeof startApp>> | null = null;
    try {
      const { prepareDatabase } = await import("../lib/services/prepare");
      const { sharedSqlite } = await import("../lib/db/sqlite/connection");
      const { compareDatasets } = await import("../lib/services/compare");
      const { getPreparedPair } = await import("../lib/services/compare-pair");
      const { warmDataset } = await import("../lib/services/datasets");
      const { invalidateDataset } = await import("../lib/cache");
      const { compareQuerySchema } = await import("../lib/compare/query");
      await prepareDatabase();
      let start = now();
      const ids = await writeBenchPair(sharedSqlite(), ROWS);
      notes.push(`Writing the two datasets through the SQLite writer took ${((now() - start) / 1000).toFixed(1)} s.`);
      sharedSqlite().pragma("wal_checkpoint(TRUNCATE)");
      const query = (q: Record<string, string>) => compareQuerySchema.parse({ a: String(ids.a), b: String(ids.b), missedMargin: "5", ...q });

      // The first report on the server that imported both: each import's answer is followed by
      // warmDataset (its segments into memory), as the upload route does once it has answered.
      start = now();
      await Promise.all([warmDataset(ids.a, { summary: false }), warmDataset(ids.b, { summary: false })]);
      const warmMs = now() - start;
      start = now();
      const first = await compareDatasets(query({ reviews: "2000" }));
      const firstMs = now() - start;
      const pair = (await getPreparedPair(ids.a, ids.b))!;
      rows.push({ metric: "the first full report on the server that imported both (join by id with the ids' text checked, DeLong, pictures, tables, bootstrap)", value: ms(firstMs), reference: `${ms(pair.preparedInMs)} of it preparing the pair`, goal: "≤ 2 s", met: firstMs <= 2000 });
      // The same in a process that has read neither dataset (e.g. just restarted): the segments are read first.
      invalidateDataset(ids.a);
      invalidateDataset(ids.b);
      start = now();
      await compareDatasets(query({ reviews: "2000" }));
      const coldMs = now() - start;
      rows.push({ metric: "the first full report once every cache of the process is dropped (segments decoded again; SQLite's page cache warm)", value: ms(coldMs), reference: `the imports' read-ahead of both: ${ms(warmMs)}` });
      notes.push(`First report: ${first.answer.matched.toLocaleString("en-US")} matched, thresholds ${first.answer.thresholdA} / ${first.answer.thresholdB} at 2,000 reviews a day; AUCs ${first.answer.kind === "paired" ? `${first.answer.auc.aucA?.toFixed(4)} / ${first.answer.auc.aucB?.toFixed(4)}, DeLong p ${first.answer.auc.pValue?.toPrecision(3)}` : "—"}.`);

      // Any new threshold or load: the route's work (the cached pair, compareAt, the sentences, JSON without pictures).
      const timeAnswers = async (make: (i: number) => Record<string, string>) => {
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const t0 = now();
          const { answer } = await compareDatasets(query({ ...make(i), pictures: "0" }));
          JSON.stringify({ ...answer, histogram: undefined, density: undefined });
          samples.push(now() - t0);
        }
        return samples;
      };
      const thresholds = await timeAnswers((i) => ({ threshold: String(0.2 + (i * 0.6) / RUNS) }));
      rows.push({ metric: `a new threshold (server code, median of ${RUNS})`, value: ms(percentile(thresholds, 50)), reference: `p95 ${ms(percentile(thresholds, 95))}`, goal: "≤ 20 ms", met: percentile(thresholds, 50) <= 20 });
      const loads = await timeAnswers((i) => ({ reviews: String(500 + i * 300) }));
      rows.push({ metric: `a new review load (server code, median of ${RUNS})`, value: ms(percentile(loads, 50)), reference: `p95 ${ms(percentile(loads, 95))}`, goal: "≤ 20 ms", met: percentile(loads, 50) <= 20 });
      const gridJson = JSON.stringify(pair.grid).length;
      rows.push({ metric: "the browser's paired grid (JSON, any row count)", value: `${(gridJson / 1024).toFixed(0)} KB`, reference: `${((ROWS * 17) / 1024 / 1024).toFixed(0)} MB as matched rows (two scores and a label)`, goal: "—" });

      const executablePath = findChromium();
      if (!executablePath) notes.push("No Chromium: the page rows were not measured.");
      else {
        app = await startApp(databaseUrl);
        const pageUrl = `${app.url}/compare?a=${ids.a}&b=${ids.b}&t=0.5`;
        start = now();
        const html = await (await fetch(pageUrl)).text();
        const cold = now() - start;
        start = now();
        await (await fetch(`${app.url}/compare?a=${ids.a}&b=${ids.b}&t=0.4`)).text();
        const warm = now() - start;
        rows.push({ metric: "the page's first load on a fresh server (full HTML, the pair prepared)", value: ms(cold), reference: `${ms(warm)} once prepared; ${(html.length / 1024).toFixed(0)} KB of HTML`, goal: "—" });
        const request = async (q: string) => {
          const samples: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            const t0 = now();
            await (await fetch(`${app!.url}/api/compare?a=${ids.a}&b=${ids.b}&pictures=0&${q}${i}`)).json();
            samples.push(now() - t0);
          }
          return samples;
        };
        const http = await request("reviews=150");
        rows.push({ metric: `GET /api/compare at a new load over HTTP (median of ${RUNS})`, value: ms(percentile(http, 50)), reference: `p95 ${ms(percentile(http, 95))}`, goal: "≤ 20 ms", met: percentile(http, 50) <= 20 });

        const browser = await chromium.launch({ executablePath, args: ["--disable-gpu", "--no-sandbox"] });
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(pageUrl);
        await page.getByTestId("threshold-a").waitFor();
        await page.waitForTimeout(1000);
        // Work per threshold change: a key press on the slider, through React, style and layout.
        const work = await sliderWork(page, 200);
        rows.push({ metric: "work per threshold change in the browser, p95 (grid → tables, bootstrap, sentences; React, style, layout)", value: ms(percentile(work, 95)), reference: `median ${ms(percentile(work, 50))}`, goal: "≤ 16 ms", met: percentile(work, 95) <= 16 });
        const slider = (await page.getByRole("slider", { name: "Threshold" }).boundingBox())!;
        const sweep = async (box: { x: number; y: number; width: number; height: number }) => {
          const y = box.y + box.height / 2;
          await page.mouse.move(box.x + box.width * 0.5, y);
          await page.mouse.down();
          for (let i = 0; i < 300; i++) await page.mouse.move(box.x + box.width * (0.5 + 0.3 * Math.sin(i / 15)), y);
          await page.mouse.up();
        };
        const frames = await framesDuring(page, '[data-testid="compare-sentences"] p', () => sweep(slider));
        const changed = frames.filter((f) => f.changed).map((f) => f.dt);
        rows.push({ metric: "frame interval while dragging the threshold, p95 (Chromium; 16.7 ms is every 60 Hz frame)", value: ms(percentile(changed, 95)), reference: `${changed.length} frames with new figures, median ${ms(percentile(changed, 50))}`, goal: "a new frame every tick", met: percentile(changed, 95) <= 17.5 });

        await page.getByRole("radio", { name: /the same review load/ }).check();
        await page.getByTestId("threshold-b").waitFor();
        const range = (await page.locator('.reviews-control input[type="range"]').boundingBox())!;
        const loadFrames = await framesDuring(page, '[data-testid="threshold-b"]', () => sweep(range));
        const loadChanged = loadFrames.filter((f) => f.changed).map((f) => f.dt);
        rows.push({ metric: "interval between updates while dragging the review load, median (a request per answered frame)", value: ms(percentile(loadChanged, 50)), reference: `p95 ${ms(percentile(loadChanged, 95))}, ${loadChanged.length} updates`, goal: "—" });
        await browser.close();
      }
      notes.push("Server figures are this process's calls of the route's service (lib/services/compare.ts) with the caches a server keeps: the prepared pair is cached by (A, version of A, B, version of B), so an append or late labels on either side prepare it again.");
      notes.push("Same threshold on the page: the browser gets a paired grid (per class, counts of A's score, B's score and the lower of the two at every 4-decimal threshold) and computes the eight paired cells, tables, McNemar, κ, the paired bootstrap and the sentences itself, exact at every threshold the page can take; the per-slice table and the disagreements follow from the server once the threshold rests. Same load: a request per change, the next sent when the last is answered.");
      notes.push(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")} on ${os.cpus().length} cores (shared with other work): times are upper bounds.`);
      return { name: "compare", description: benchmark.description, rows, notes };
    } finally {
      app?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
