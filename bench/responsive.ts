/**
 * Responsiveness (issue 18): reads keep answering while a 1M-row import runs, measured by a
 * separate client process (bench/probe-client.ts); and no request holds the server's event loop
 * for more than 100 ms, on a 1M-row and a 5M-row dataset (bench/responsive-stalls.ts).
 * `RESPONSIVE_SIZES=1000000` runs the stall part on one size only, `RESPONSIVE_STEPS=<regex>` only
 * the steps whose names match (cold steps that match restart the server), `RESPONSIVE_READS=false`
 * leaves out the reads during an import.
 */
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../tests/support/server";
import { postFile, startBenchServer } from "./ingest-support";
import { epochNow, latencies, quantile, startProbe } from "./probe";
import { rowsFile } from "./responsive-data";
import { measureStalls, stallSteps, type StallFigure } from "./responsive-stalls";
import type { Benchmark, BenchRow } from "./types";

const TMP = path.join(import.meta.dirname, "tmp");
const MAPPING = "label=label&score=score&id=example_id&timestamp=timestamp&text=text&slice=merchant_category&slice=country";
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const count = (n: number) => n.toLocaleString("en-US");
const READ_GOAL_MS = 50;
const STALL_GOAL_MS = 100;

function freshDatabase(name: string): string {
  const file = path.join(TMP, name);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.rmSync(path.join(TMP, "images"), { recursive: true, force: true });
  return file;
}

/** The lines of a file within its first `bytes` bytes. */
function firstLines(file: string, bytes: number): string {
  const head = Buffer.alloc(bytes);
  const fd = fs.openSync(file, "r");
  const read = fs.readSync(fd, head, 0, bytes, 0);
  fs.closeSync(fd);
  const text = head.subarray(0, read).toString("utf8");
  return text.slice(0, text.lastIndexOf("\n") + 1);
}

async function importFile(url: string, file: string, name: string, rows: number): Promise<number> {
  const { status, body } = await postFile(url, file, `name=${name}&${MAPPING}`);
  if (status !== 201 || body.rows !== rows) throw new Error(`import failed: ${status} ${JSON.stringify(body).slice(0, 300)}`);
  return body.id as number;
}

/** /metrics and /api/health latencies from a probe process while a 1M-row import runs. */
async function readsDuringImport(file: string): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const server = await startBenchServer(freshDatabase("responsive-reads.db"), await freePort());
  try {
    const id = await importFile(server.url, file, "read-target", 1_000_000);
    const metrics = `/api/datasets/${id}/metrics?threshold=0.5`;
    // Warm: the dataset's segments in memory, the routes compiled; then a second of idle reads.
    for (const path of [metrics, "/api/health"]) await (await fetch(server.url + path)).arrayBuffer();
    const probe = await startProbe(server.url, [metrics, "/api/health"], 5);
    await new Promise((r) => setTimeout(r, 1000));
    const idleTo = epochNow();
    const from = epochNow();
    await importFile(server.url, file, "import-under-reads", 1_000_000);
    const to = epochNow();
    await new Promise((r) => setTimeout(r, 300));
    const samples = await probe.stop();
    const failed = samples.filter((s) => s.status !== 200).length;
    const idle = latencies(samples, metrics, -Infinity, idleTo);
    const during = latencies(samples, metrics, from, to);
    const health = latencies(samples, "/api/health", from, to);
    const p99 = quantile(during, 0.99);
    const healthP99 = quantile(health, 0.99);
    return {
      rows: [
        { metric: "reads during an import: /metrics p99 while a 1,000,000-row import runs", value: ms(p99), reference: `${ms(quantile(idle, 0.99))} idle`, goal: `≤ ${READ_GOAL_MS} ms`, met: p99 <= READ_GOAL_MS && failed === 0 },
        { metric: "reads during an import: /api/health p99", value: ms(healthP99), reference: `${ms(quantile(latencies(samples, "/api/health", -Infinity, idleTo), 0.99))} idle`, goal: `≤ ${READ_GOAL_MS} ms`, met: healthP99 <= READ_GOAL_MS && failed === 0 },
      ],
      notes: [
        `Reads during the import (${((to - from) / 1000).toFixed(1)} s): /metrics ${count(during.length)} answers, p50 ${ms(quantile(during, 0.5))}, p99 ${ms(p99)}, max ${ms(Math.max(...during))}; /api/health ${count(health.length)} answers, p50 ${ms(quantile(health, 0.5))}, p99 ${ms(healthP99)}, max ${ms(Math.max(...health))}; ${failed} failed. The probe is a separate process asking each path one request after another, 5 ms apart, on kept-alive connections.`,
      ],
    };
  } finally {
    await server.stop();
  }
}

async function stalls(rows: number): Promise<StallFigure[]> {
  const file = await rowsFile(TMP, rows);
  const databaseFile = freshDatabase(`responsive-${rows / 1e6}m.db`);
  const server = await startBenchServer(databaseFile, await freePort());
  let id: number;
  let warmupId: number;
  let warmupRows: number;
  // A second import of each file: the other side of a comparison joined by example id.
  const twins = { measured: 0, warmup: 0 };
  try {
    const small = path.join(TMP, "responsive-warmup.csv");
    fs.writeFileSync(small, firstLines(file, 1 << 20));
    const { body } = await postFile(server.url, small, `name=warmup&${MAPPING}`);
    warmupId = body.id as number;
    warmupRows = body.rows as number;
    twins.warmup = (await postFile(server.url, small, `name=warmup-twin&${MAPPING}`)).body.id as number;
    id = await importFile(server.url, file, `stalls-${rows}`, rows);
    twins.measured = await importFile(server.url, file, `stalls-${rows}-twin`, rows);
  } finally {
    await server.stop();
  }
  console.log(`  ${count(rows)} rows:`);
  const only = process.env.RESPONSIVE_STEPS ? new RegExp(process.env.RESPONSIVE_STEPS, "i") : null;
  return measureStalls(databaseFile, id, warmupId, stallSteps(rows, warmupRows).filter((s) => !only || only.test(s.name)), console.log, twins);
}

export const benchmark: Benchmark = {
  name: "responsive",
  description: `Reads while a 1,000,000-row import runs (a probe process, 5 ms between requests), and the longest /api/health waited during each kind of request on 1,000,000- and 5,000,000-row datasets (a probe every ${5} ms; goal: no request holds the event loop over ${STALL_GOAL_MS} ms).`,
  run: async () => {
    const file = await rowsFile(TMP, 1_000_000);
    const reads = process.env.RESPONSIVE_READS === "false" ? { rows: [], notes: [] } : await readsDuringImport(file);
    const sizes = (process.env.RESPONSIVE_SIZES ?? "1000000,5000000").split(",").filter(Boolean).map(Number);
    const rows: BenchRow[] = [...reads.rows];
    const notes = [...reads.notes];
    for (const size of sizes) {
      const all = await stalls(size);
      const startUp = all.filter((f) => f.name.startsWith("first request after"));
      const figures = all.filter((f) => !startUp.includes(f));
      const worst = figures.reduce((a, b) => (b.worstHealthMs > a.worstHealthMs ? b : a));
      for (const f of startUp) rows.push({ metric: `${f.name}, before the ${count(size)}-row runs`, value: ms(f.worstHealthMs), reference: `the request itself: ${ms(f.requestMs)}`, goal: `≤ ${STALL_GOAL_MS} ms`, met: f.worstHealthMs <= STALL_GOAL_MS });
      if (startUp.length) notes.push(`The server warms itself up before it answers (scripts/serve.mjs), so the first request after a start (the row above) finds the app's code loaded. Every later step runs once on a small dataset first, so that what is measured is the dataset's size, not a page's first use.`);
      rows.push({ metric: `longest event-loop hold, ${count(size)} rows (worst: ${worst.name})`, value: ms(worst.worstHealthMs), goal: `≤ ${STALL_GOAL_MS} ms`, met: worst.worstHealthMs <= STALL_GOAL_MS });
      notes.push(`${count(size)} rows, slowest health answer during each request (the request's own time): ${figures.map((f) => `${f.name} ${ms(f.worstHealthMs)} (${ms(f.requestMs)})`).join("; ")}.`);
    }
    return { name: "responsive", description: benchmark.description, rows, notes };
  },
};
