import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { DEMO_SETTINGS } from "@/lib/demo/fraud-demo";
import { buildScoreTable, cumulate } from "@/lib/metrics";
import { resolveSettings, storyAt } from "@/lib/story";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-demo-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a fresh database is seeded with the demo, which reads the stakeholder example word for word", () => {
  // Any entry point prepares the database first; the CLI is the lightest one to start.
  const databaseFile = path.join(dir, "fresh.db");
  const csv = path.join(dir, "tiny.csv");
  fs.writeFileSync(csv, "label,score\n1,0.9\n0,0.1\n");
  const result = spawnSync("npx", ["tsx", "scripts/ingest.ts", csv], { encoding: "utf8", env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, CUTOFF_DEMO: "true" }, timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);

  const db = new Database(databaseFile, { readonly: true });
  const demo = db.prepare(`SELECT * FROM "Dataset" WHERE "isDemo" = 1`).get() as {
    id: number; rowCount: number; positives: number; negatives: number; positiveLabel: string; negativeLabel: string; settings: string; timestampMin: number; timestampMax: number;
  };
  const rows = db.prepare(`SELECT "label", "score" FROM "Prediction" WHERE "datasetId" = ?`).all(demo.id) as { label: number; score: number }[];
  db.close();

  expect(JSON.parse(demo.settings)).toEqual(DEMO_SETTINGS);
  const table = cumulate(buildScoreTable(rows.map((r) => r.score), rows.map((r) => r.label)));
  const settings = resolveSettings(DEMO_SETTINGS, {
    ...demo,
    rows: demo.rowCount,
    timestampMin: new Date(demo.timestampMin).toISOString(),
    timestampMax: new Date(demo.timestampMax).toISOString(),
  });
  expect(settings.volume).toBe(8280);
  expect(storyAt(table, 0.5, settings).sentences.join(" ")).toBe(
    "Every day an average of 200 valid transactions will be flagged as fraudulent and sent for manual review, and an average of 14 fraudulent transactions will be missed. An average of 266 fraudulent transactions will be correctly caught. In rates: it misses 5% of fraudulent transactions and flags 2.5% of valid ones (the false negative and false positive rates).",
  );
});
