/**
 * The monitoring benchmark's stream: 10,000,000 fraud-like predictions over 90 days, written
 * straight through the SQLite writers as the app would store them (an import of the first day,
 * then one append a day, compacted after each like POST /rows does). Full-precision scores (every
 * score distinct), 3.4% positive; negatives' scores move up by 0.03 from day 60 (drift); labels
 * arrive late: of the last 10 days' rows, the newer the day the fewer are labelled.
 */
import type Database from "better-sqlite3";

export const ROWS = 10_000_000;
export const DAYS = 90;
export const DRIFT_DAY = 60;
export const START = Date.parse("2026-08-03T00:00:00Z"); // a Monday
const DAY = 86_400_000;

/** Writes the stream into the migrated database `db`; returns the dataset id and how long each part took. */
export async function writeStream(db: Database.Database): Promise<{ datasetId: number; writeMs: number; compactMs: number }> {
  const { DatasetWriter } = await import("../lib/db/sqlite/dataset-writer");
  const { AppendWriter } = await import("../lib/db/sqlite/append-writer");
  const { compactDataset } = await import("../lib/db/sqlite/compaction");
  const { seededRandom } = await import("../lib/demo/random");
  const random = seededRandom(90);
  const mapping = { label: "is_fraud", score: "fraud_probability", id: null, timestamp: "timestamp", text: null, image: null, slices: [], extras: [] };
  const meta = { name: "monitoring bench (90 days)", positiveLabel: "1", negativeLabel: "0", mapping };
  let [writeMs, compactMs] = [0, 0];
  let datasetId = 0;
  let row = 0;
  for (let d = 0; d < DAYS; d++) {
    const rows = Math.round(((d + 1) * ROWS) / DAYS) - Math.round((d * ROWS) / DAYS);
    const labelled = d < DAYS - 10 ? 1 : (DAYS - d) / 11;
    const t0 = performance.now();
    const writer = d === 0 ? new DatasetWriter(undefined, db) : new AppendWriter(datasetId, "refuse", db);
    writer.begin(meta);
    for (let i = 0; i < rows; i++) {
      const positive = random() < 0.034;
      const score = positive ? Math.sqrt(random()) : Math.min(1, 0.5 * random() ** 3 + (d >= DRIFT_DAY ? 0.03 : 0));
      const label = random() < labelled ? (positive ? 1 : 0) : 255;
      writer.append({ row: ++row, label, score, exampleId: null, timestamp: START + d * DAY + Math.floor(random() * DAY), text: null, image: null, slices: null, extras: null });
    }
    const written = writer.finish();
    if (d === 0) datasetId = written.id;
    const t1 = performance.now();
    while (compactDataset(datasetId, 0, db)) {
      // one tier at a time, as compactAfterAppend does
    }
    writeMs += t1 - t0;
    compactMs += performance.now() - t1;
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  return { datasetId, writeMs, compactMs };
}
