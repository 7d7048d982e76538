/**
 * "No request holds the event loop for more than 100 ms": every kind of request a user or a
 * script sends (first page views, curves, slices, filtered gallery queries and text search,
 * exports, monitoring, comparisons, appends, late labels, tags, deletes) against a dataset of N rows, while a probe
 * process asks for /api/health every 5 ms. Each step's figure is the slowest health answer
 * during the request and the half second after it (work the server does once it has answered,
 * like checkpoints and compaction, counts too). "Cold" steps restart the server first, so that
 * they are a first view: nothing of the dataset in memory (the step runs once on a small dataset
 * first, so that the route's code is loaded).
 */
import fs from "node:fs";
import path from "node:path";
import { startBenchServer, type BenchServer } from "./ingest-support";
import { epochNow, longestWait, startProbe, type ProbeSample } from "./probe";
import { appendBody, labelsBody } from "./responsive-data";
import { freePort } from "../tests/support/server";

/** Which dataset a step's request goes to: the small one (to load the code first) or the measured one. */
export type Target = "warmup" | "measured";

export interface StallStep {
  name: string;
  cold?: boolean;
  /** Measured on the small dataset right after a start, without a warm-up: what loading the code costs. */
  startUp?: boolean;
  /** Sends the request; resolves with its status once the whole answer is read. `twin`: a second import of the same file. */
  send: (url: string, datasetId: number, target: Target, twin: number) => Promise<number>;
  /** Statuses that count as success (200 by default). */
  ok?: number[];
}

export interface StallFigure {
  name: string;
  /** Slowest health answer during the step (ms). */
  worstHealthMs: number;
  /** How long the request itself took (ms). */
  requestMs: number;
  status: number;
}

const PROBE_INTERVAL_MS = 5;
const AFTER_MS = 500;

async function get(url: string): Promise<number> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.status;
}

async function send(url: string, method: string, body: string | undefined, type = "text/csv"): Promise<number> {
  const response = await fetch(url, { method, body, headers: body ? { "content-type": type } : {} });
  await response.arrayBuffer();
  return response.status;
}

const labelsJson = (csv: string) => JSON.stringify({ labels: csv.trim().split("\n").slice(1).map((line) => ({ exampleId: line.split(",")[0], label: "0" })) });

/**
 * The steps, in order, for a dataset of `rows` rows (ids ex-0 …) and a small one of `warmupRows`
 * rows (the same ids), where each step runs first so that its code is loaded.
 */
export function stallSteps(rows: number, warmupRows: number): StallStep[] {
  const api = (url: string, id: number, tail: string) => `${url}/api/datasets/${id}${tail}`;
  const labels = { measured: labelsBody(rows, 100_000), warmup: labelsBody(warmupRows, 100) };
  const json = { measured: labelsJson(labels.measured), warmup: labelsJson(labels.warmup) };
  const appended = { measured: appendBody(rows, 100_000), warmup: appendBody(100_000_000, 100) };
  return [
    { name: "first request after the server starts (explorer page of a small dataset)", cold: true, startUp: true, send: (url, id) => get(`${url}/datasets/${id}`) },
    { name: "explorer page, first view", cold: true, send: (url, id) => get(`${url}/datasets/${id}`) },
    { name: "curves (API)", send: (url, id) => get(api(url, id, "/curves")) },
    { name: "daily impact page", send: (url, id) => get(`${url}/datasets/${id}/impact`) },
    { name: "gallery page", send: (url, id) => get(`${url}/datasets/${id}/gallery`) },
    { name: "brief page", send: (url, id) => get(`${url}/datasets/${id}/brief`) },
    { name: "brief (Markdown, API)", send: (url, id) => get(api(url, id, "/brief?threshold=0.5")) },
    { name: "slices at 0.5 (API)", send: (url, id) => get(api(url, id, "/slices?threshold=0.5")) },
    { name: "failure modes at 0.5 (API)", send: (url, id) => get(api(url, id, "/failure-modes?threshold=0.5")) },
    { name: "datasets list page", send: (url) => get(`${url}/`) },
    { name: "gallery page, first view", cold: true, send: (url, id) => get(`${url}/datasets/${id}/gallery`) },
    { name: "brief page, first view", cold: true, send: (url, id) => get(`${url}/datasets/${id}/brief`) },
    { name: "slices, first view (API)", cold: true, send: (url, id) => get(api(url, id, "/slices?threshold=0.5")) },
    { name: "monitoring page, first view (days, reference, KS, PSI, replay grids)", cold: true, send: (url, id) => get(`${url}/datasets/${id}/monitoring`) },
    { name: "monitoring at a new threshold (API)", send: (url, id) => get(api(url, id, "/monitoring?threshold=0.3&period=day")) },
    { name: "monitoring by week, first time (API)", send: (url, id) => get(api(url, id, "/monitoring?threshold=0.3&period=week")) },
    { name: "comparison with a second import of the file, first report (API: join by id, DeLong, pictures)", cold: true, send: (url, id, _target, twin) => get(`${url}/api/compare?a=${id}&b=${twin}&threshold=0.5`) },
    { name: "comparison at a new review load (API)", send: (url, id, _target, twin) => get(`${url}/api/compare?a=${id}&b=${twin}&flagged=5000`) },
    { name: "gallery: one slice value, score order", send: (url, id) => get(api(url, id, "/examples?threshold=0.5&kind=fp&slice.country=FR")) },
    { name: "gallery: one slice value, sorted by amount (SQL scan)", send: (url, id) => get(api(url, id, "/examples?threshold=0.5&kind=fp&slice.country=FR&sort=amount&order=desc")) },
    { name: "gallery: text search (SQL scan)", send: (url, id) => get(api(url, id, "/examples?threshold=0.5&kind=tn&q=shop%20307")) },
    { name: "gallery: sorted by timestamp (SQL scan)", send: (url, id) => get(api(url, id, "/examples?threshold=0.5&kind=tn&sort=timestamp&order=desc&offset=5000")) },
    { name: "export: false positives as CSV (≤ 100,000 rows)", send: (url, id) => get(api(url, id, "/examples?threshold=0.5&kind=fp&format=csv")) },
    { name: "export: text search as CSV", send: (url, id) => get(api(url, id, "/examples?threshold=0.5&kind=tn&q=shop%2030&format=csv")) },
    {
      name: "tag an example",
      ok: [201],
      send: async (url, id) => {
        const tag = (await (await fetch(api(url, id, "/tags"), { method: "POST", body: JSON.stringify({ name: `bench-${Date.now()}` }), headers: { "content-type": "application/json" } })).json()) as { id: number };
        const page = (await (await fetch(api(url, id, "/examples?threshold=0.5&kind=fp&limit=1"))).json()) as { items: { id: number }[] };
        return send(api(url, id, `/examples/${page.items[0].id}/tags`), "POST", JSON.stringify({ tagId: tag.id }), "application/json");
      },
    },
    { name: "append 100,000 rows (CSV)", ok: [201], send: (url, id, target) => send(api(url, id, "/rows"), "POST", appended[target]) },
    { name: "explorer page after the append", send: (url, id) => get(`${url}/datasets/${id}`) },
    { name: "late labels, 100,000 (CSV)", send: (url, id, target) => send(api(url, id, "/labels"), "POST", labels[target]) },
    { name: "late labels, 100,000 (JSON)", send: (url, id, target) => send(api(url, id, "/labels"), "POST", json[target], "application/json") },
    { name: "explorer page after the labels", send: (url, id) => get(`${url}/datasets/${id}`) },
    { name: "delete the dataset", ok: [204], send: (url, id) => send(api(url, id, ""), "DELETE", undefined) },
  ];
}

/**
 * Runs the steps against a server on `databaseFile` holding dataset `datasetId` (and `twins`, a second
 * import of the measured and of the small file, for comparisons); restarts it for
 * cold steps. Returns each step's figure; the server is stopped at the end.
 */
export async function measureStalls(databaseFile: string, datasetId: number, warmupId: number, steps: StallStep[], log: (line: string) => void, twins = { measured: 0, warmup: 0 }): Promise<StallFigure[]> {
  let server: BenchServer | null = null;
  const figures: StallFigure[] = [];
  // With BENCH_CPU_PROFILES, each step's window on the monotonic clock (µs, as CPU profiles count
  // time) goes to steps.json there, to find what the server's thread did during each step.
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
  const windows: { name: string; from: number; to: number }[] = [];
  try {
    for (const step of steps) {
      if (step.cold || !server) {
        await server?.stop();
        server = await startBenchServer(databaseFile, await freePort());
      }
      // Loads the step's code (a route's first request loads its chunks and Prisma plans its
      // queries) on the small dataset: the figure is then the large dataset's, not the start-up's.
      if (!step.startUp) await step.send(server.url, warmupId, "warmup", twins.warmup);
      const probe = await startProbe(server.url, ["/api/health"], PROBE_INTERVAL_MS);
      await new Promise((r) => setTimeout(r, 200));
      const from = epochNow();
      const fromUs = monotonicUs();
      const status = step.startUp ? await step.send(server.url, warmupId, "warmup", twins.warmup) : await step.send(server.url, datasetId, "measured", twins.measured);
      const answered = epochNow();
      await new Promise((r) => setTimeout(r, AFTER_MS));
      windows.push({ name: step.name, from: fromUs, to: monotonicUs() });
      const samples: ProbeSample[] = await probe.stop();
      const figure = { name: step.name, worstHealthMs: longestWait(samples, "/api/health", from, answered + AFTER_MS), requestMs: answered - from, status };
      if (!(step.ok ?? [200]).includes(status)) throw new Error(`${step.name}: status ${status}`);
      log(`  ${step.name}: health waited up to ${figure.worstHealthMs.toFixed(0)} ms (request ${figure.requestMs.toFixed(0)} ms)`);
      figures.push(figure);
    }
  } finally {
    await server?.stop();
    const dir = process.env.BENCH_CPU_PROFILES;
    if (dir) fs.writeFileSync(path.join(dir, "steps.json"), JSON.stringify(windows));
  }
  return figures;
}
