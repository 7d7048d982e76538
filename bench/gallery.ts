/**
 * Gallery benchmark: the top 50 false positives / false negatives at several thresholds of a
 * 1,000,000-row dataset, through lib/db/examples.ts (index range scan in score order), against a
 * naive full scan of the same rows (the query with the index disabled: scan, filter, sort).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Benchmark, BenchRow } from "./types";

const ROWS = 1_000_000;
const THRESHOLDS = [0.05, 0.2, 0.5, 0.8, 0.95];
const KINDS = ["fp", "fn"] as const;
const RUNS = 7;
const GOAL_MS = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const benchmark: Benchmark = {
  name: "gallery",
  description: `Top 50 misclassified examples (with tags, notes and the total) at ${THRESHOLDS.length} thresholds of a ${ROWS.toLocaleString("en-US")}-row dataset, median of ${RUNS} runs.`,
  run: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-bench-gallery-"));
    process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
    process.env.CUTOFF_DEMO = "false";
    const { prepareDatabase } = await import("../lib/db/prepare");
    const { sharedSqlite } = await import("../lib/db/sqlite");
    const { DatasetWriter } = await import("../lib/db/dataset-writer");
    const { listExamples } = await import("../lib/db/examples");
    const { seededRandom } = await import("../lib/demo/random");
    try {
      await prepareDatabase();
      const random = seededRandom(7);
      const writer = new DatasetWriter({ name: "bench", positiveLabel: "1", negativeLabel: "0", mapping: { slices: ["country"], extras: ["amount"] } });
      const countries = ["US", "GB", "DE", "FR", "ES"];
      for (let i = 0; i < ROWS; i++) {
        const positive = random() < 0.03;
        const u = random();
        // Positives crowd the top, negatives the bottom, with overlap: the usual shape of a real model.
        const score = positive ? 1 - u * u * u : u * u * u;
        writer.append({
          row: i + 2, label: positive ? 1 : 0, score, exampleId: `ex-${i}`, timestamp: null, text: null, image: null,
          slices: JSON.stringify([countries[i % countries.length]]), extras: JSON.stringify([(random() * 500).toFixed(2)]),
        });
      }
      const datasetId = writer.finish().id;
      const db = sharedSqlite();
      const rows: BenchRow[] = [];
      const cold = await time(() => listExamples(datasetId, { threshold: 0.5, kind: "fp" }, { limit: 50 }));
      rows.push({ metric: "first query of a process (opens Prisma, reads the score table)", value: `${cold.toFixed(1)} ms` });
      let worst = 0;
      let worstReference = 0;
      for (const threshold of THRESHOLDS) {
        for (const kind of KINDS) {
          const query = { threshold, kind };
          await listExamples(datasetId, query, { limit: 50 });
          const samples: number[] = [];
          for (let r = 0; r < RUNS; r++) samples.push(await time(() => listExamples(datasetId, query, { limit: 50 })));
          const ours = median(samples);
          const flagged = kind === "fp";
          const naive = db.prepare(
            `SELECT * FROM "Prediction" NOT INDEXED WHERE "datasetId" = ? AND "score" ${flagged ? ">=" : "<"} ? AND "label" = ? ORDER BY "score" ${flagged ? "DESC" : "ASC"}, "id" LIMIT 50`,
          );
          const referenceSamples: number[] = [];
          for (let r = 0; r < 3; r++) referenceSamples.push(await time(() => naive.all(datasetId, threshold, flagged ? 0 : 1)));
          const reference = median(referenceSamples);
          worst = Math.max(worst, ours);
          worstReference = Math.max(worstReference, reference);
          rows.push({
            metric: `top 50 ${kind.toUpperCase()} at t=${threshold}`,
            value: `${ours.toFixed(1)} ms`,
            reference: `${reference.toFixed(0)} ms`,
            ratio: `${(ours / reference).toFixed(3)}×`,
            goal: `≤ ${GOAL_MS} ms`,
            met: ours <= GOAL_MS,
          });
        }
      }
      rows.push({ metric: "worst of the above", value: `${worst.toFixed(1)} ms`, reference: `${worstReference.toFixed(0)} ms`, goal: `≤ ${GOAL_MS} ms`, met: worst <= GOAL_MS });
      return {
        name: "gallery",
        description: benchmark.description,
        rows,
        notes: [
          "Cutoff: `listExamples` (index range scan on (datasetId, score) in score order, label filtered on the way; total from the cached score table; tags and notes of the page).",
          "Reference: the same query with the index disabled (`NOT INDEXED`: full scan, filter, sort).",
          "The first query of a server process opens the Prisma client and reads the dataset's stored score table (three 8 MB blobs for 1M distinct scores) into the cache; every later query at any threshold is the figure above.",
          "Data: 3% positives; positive scores 1 − u³, negative scores u³ (u uniform), so low thresholds make false negatives rare among many low-scoring negatives.",
        ],
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
