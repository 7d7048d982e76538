/**
 * Two 1,000,000-row datasets of the same transactions for bench/compare.ts, written straight
 * through the SQLite writer (as bench/gallery.ts does): "float32" and "int8" (its scores rounded
 * to 1/256 with a little noise), random-looking ids, each file in its own shuffled order, so the
 * join cannot lean on the rows' order. Model "fraud", with the int8 version's size and latency facts.
 */
import type Database from "better-sqlite3";

export interface BenchPair {
  a: number;
  b: number;
}

export async function writeBenchPair(db: Database.Database, rows: number): Promise<BenchPair> {
  const { DatasetWriter } = await import("../lib/db/sqlite/dataset-writer");
  const { seededRandom } = await import("../lib/demo/random");
  const random = seededRandom(42);
  const labels = new Uint8Array(rows);
  const scoresA = new Float64Array(rows);
  const scoresB = new Float64Array(rows);
  const countries = ["US", "GB", "DE", "FR", "ES", "IT", "NL", "PL"];
  for (let i = 0; i < rows; i++) {
    labels[i] = random() < 0.03 ? 1 : 0;
    const u = random();
    scoresA[i] = labels[i] ? 1 - u * u * u : u * u * u;
    scoresB[i] = Math.min(1, Math.max(0, Math.round(scoresA[i] * 256) / 256 + (random() - 0.5) * 0.01));
  }
  // Ids as exports have them: random-looking (a seeded 12-hex-digit code), in no particular order.
  const ids = Array.from({ length: rows }, (_, i) => `tx-${Math.floor(random() * 2 ** 48).toString(16).padStart(12, "0")}${i.toString(36)}`);
  const mapping = { id: "transaction_id", slices: ["country"], extras: [] as string[] };
  const write = (name: string, version: string, order: (k: number) => number, scores: Float64Array) => {
    const writer = new DatasetWriter({ name, positiveLabel: "1", negativeLabel: "0", mapping, modelName: "fraud", modelVersion: version }, db);
    for (let k = 0; k < rows; k++) {
      const i = order(k);
      writer.append({ row: k + 2, label: labels[i], score: scores[i], exampleId: ids[i], timestamp: null, text: null, image: null, slices: JSON.stringify([countries[i % countries.length]]), extras: null });
    }
    return writer.finish().id;
  };
  const shuffledOrder = () => {
    const order = Uint32Array.from({ length: rows }, (_, i) => i);
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  };
  // Each file in its own order: neither side is in the other's order, nor in id order.
  const [orderA, orderB] = [shuffledOrder(), shuffledOrder()];
  const a = write("fraud float32 (bench)", "float32", (k) => orderA[k], scoresA);
  const b = write("fraud int8 (bench)", "int8", (k) => orderB[k], scoresB);
  const now = Date.now();
  const facts = db.prepare(`INSERT INTO "ModelVersion" (modelName, version, format, sizeMb, latencyMs, threshold, notes, createdAt, updatedAt) VALUES ('fraud', ?, ?, ?, ?, 0.5, '', ?, ?)`);
  facts.run("float32", "SavedModel", 48, 9.5, now, now);
  facts.run("int8", "TF Lite", 12.2, 3.1, now, now);
  return { a, b };
}
