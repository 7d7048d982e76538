/**
 * Ingest benchmark (issue 3): a 1,000,000-row CSV shaped like the demo, POSTed as a stream to the
 * built server (end to end: HTTP, parse, validate, insert, score table, commit), against the
 * `sqlite3` CLI's `.import` of the same file into a bare table in the same run; plus the server's
 * peak RSS growth during the import.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../tests/support/server";
import { BENCH_ROWS, benchCsv, cpuTimeOf, memoryOf, postFile, resetPeak, startBenchServer } from "./ingest-support";
import type { Benchmark } from "./types";

const TMP = path.join(import.meta.dirname, "tmp");
const RUNS = 7;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall and CPU milliseconds of `sqlite3 .import` into a new bare table (CPU from GNU time). */
/** Flushes the machine's dirty pages to disk (sync). */
function settle(): void {
  spawnSync("sync");
}

function sqliteImport(file: string): { wall: number; cpu: number } {
  const db = path.join(TMP, "ingest-reference.db");
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(db + suffix, { force: true });
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "cpu %U %S", "sqlite3", db, "-cmd", ".mode csv", `.import ${file} predictions`], { encoding: "utf8" });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`sqlite3 .import failed: ${result.stderr}`);
  const [, user, system] = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr) ?? [];
  return { wall, cpu: (Number(user) + Number(system)) * 1000 };
}

export const benchmark: Benchmark = {
  name: "ingest",
  description: `End-to-end API ingest of a ${BENCH_ROWS.toLocaleString("en-US")}-row CSV shaped like the demo (7 columns), streamed to POST /api/datasets, against \`sqlite3\` \`.import\` of the same file into a bare table: ${RUNS} pairs, each .import run just before its API run; the ratio is the median of the ${RUNS} pairs' ratios.`,
  run: async () => {
    const file = await benchCsv(TMP);
    const size = fs.statSync(file).size;
    const databaseFile = path.join(TMP, "ingest-server.db");
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });
    const server = await startBenchServer(databaseFile, await freePort());
    try {
      // Warm-up: load the route and the SQLite connections.
      const small = path.join(TMP, "ingest-warmup.csv");
      fs.writeFileSync(small, "label,score\n1,0.9\n0,0.1\n");
      await postFile(server.url, small, "name=warmup");
      const ours: number[] = [];
      const oursCpu: number[] = [];
      const reference: number[] = [];
      const referenceCpu: number[] = [];
      // Growth is measured from the RSS before the first import (after the warm-up), so memory the
      // server keeps between imports counts against it too.
      const baseline = memoryOf(server.pid).rss;
      let peak = baseline;
      for (let run = 0; run < RUNS; run++) {
        // Each timed run starts with no dirty pages left by the one before (the server's rows,
        // or .import's table, still being written back to disk would slow the next run).
        settle();
        const sqlite = sqliteImport(file);
        reference.push(sqlite.wall);
        referenceCpu.push(sqlite.cpu);
        console.log(`  run ${run + 1}: sqlite3 .import ${seconds(reference[run])}`);
        settle();
        const before = memoryOf(server.pid).rss;
        resetPeak(server.pid);
        const cpuBefore = cpuTimeOf(server.pid);
        const started = performance.now();
        const { status, body } = await postFile(server.url, file, `name=bench-${run}`);
        ours.push(performance.now() - started);
        oursCpu.push(cpuTimeOf(server.pid) - cpuBefore);
        if (status !== 201 || body.rows !== BENCH_ROWS) throw new Error(`import failed: ${status} ${JSON.stringify(body).slice(0, 300)}`);
        peak = Math.max(peak, memoryOf(server.pid).peak);
        console.log(`  run ${run + 1}: API ingest ${seconds(ours[run])}, peak RSS ${megabytes(memoryOf(server.pid).peak)} (from ${megabytes(before)})`);
        const deleted = await fetch(`${server.url}/api/datasets/${body.id}`, { method: "DELETE" });
        if (deleted.status !== 204) throw new Error(`delete failed: ${deleted.status}`);
      }
      const ingest = median(ours);
      const importTime = median(reference);
      const growth = peak - baseline;
      // Each API run is compared with the .import run just before it: the machine's speed drifts
      // over a benchmark (a shared VM), and a pair sees the same phase.
      const ratio = median(ours.map((t, run) => t / reference[run]));
      const cpuRatio = median(oursCpu) / median(referenceCpu);
      return {
        name: "ingest",
        description: benchmark.description,
        rows: [
          { metric: `API ingest, ${BENCH_ROWS.toLocaleString("en-US")} rows (${megabytes(size)})`, value: seconds(ingest), reference: `${seconds(importTime)} (sqlite3 .import)`, ratio: `${ratio.toFixed(2)}×`, goal: "≤ 1.5×", met: ratio <= 1.5 },
          { metric: "CPU time of the import (server process vs sqlite3)", value: seconds(median(oursCpu)), reference: seconds(median(referenceCpu)), ratio: `${cpuRatio.toFixed(2)}×`, goal: "≤ 1.5×", met: cpuRatio <= 1.5 },
          { metric: "server peak RSS growth during the import", value: megabytes(growth), reference: `${megabytes(baseline)} RSS before the first import`, goal: "≤ 300 MB", met: growth <= 300 * 1024 ** 2 },
        ],
        notes: [
          `Runs: API ${ours.map(seconds).join(", ")} (CPU ${oursCpu.map(seconds).join(", ")}); .import ${reference.map(seconds).join(", ")} (CPU ${referenceCpu.map(seconds).join(", ")}); pair ratios ${ours.map((t, run) => `${(t / reference[run]).toFixed(2)}×`).join(", ")}. Ratio of the medians: ${(ingest / importTime).toFixed(2)}×.`,
          "The API run includes HTTP upload, CSV parsing (lib/ingest's record reader), validation of every row, inserts into the indexed Prediction table, the score table and the commit; .import writes untyped text into a table without indexes.",
          "How: parsing and validating run in a worker thread (lib/ingest/parse-worker.ts, kept for the next import) while the request's thread inserts rows; the worker also sorts the scores as they arrive (each run of 64K rows radix-sorted, then merged into the sorted rows before it), so at the end of the file only the last run is left to sort while the last rows are written. Each multi-row INSERT binds only the columns its rows use, with the dataset id written into the SQL: binding values from JavaScript costs about as much as SQLite's own work. Canonical UTC timestamps and plain decimal scores are read digit by digit (exactly what Date.parse and Number give). The Prediction table keeps two indexes (dataset + example id, dataset + timestamp: appends for a file in time order); the gallery's score order is a stored permutation (5 MB per million rows) instead of a (datasetId, score) index, which cost most of an import when fed row by row in random score order. The WAL checkpoint runs after the answer is sent, not inside the commit.",
          "Where the rest goes (perf profiles of 1M-row imports): the request's thread is busy nearly all the time and is the critical path; most of it is better-sqlite3's INSERTs. SQLite's own share is about 0.9-1.2 s per million rows on this machine (measured as an INSERT ... SELECT of the same rows into the same table, and as the same INSERTs from a bare script), much of it splitting and rebalancing the pages of the two indexes; .import writes untyped text into a table with no index. The parse worker is busy about half the time and has room to spare.",
          "Noise: this is a shared 2-core VM and the import uses both cores (plus the uploading client), .import one; .import alone took 1.3 s to 2.4 s at different times of the day. Ten runs of this benchmark on the last two versions of the code (the last change only lowered how far the parse worker may run ahead), this one included, gave 1.26x, 1.30x, 1.35x, 1.36x, 1.37x, 1.39x, 1.41x, 1.42x, 1.43x and 1.45x (median of the pairs); single pairs ranged from 1.2x to 1.95x, the first pairs of a run (cold code) being the slowest. One run earlier in the day, on older code, gave 1.95x during a phase where the server's imports slowed to 2.5-3.0 s while .import stayed at 1.4 s. The first import of a fresh server is the slowest (worker start, cold code): 2.5-3.2 s.",
        ],
      };
    } finally {
      await server.stop();
    }
  },
};
