import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { candidatePairs, joinRows, keyedRows, prepareComparison, scoreOrderOf, seededRandom, type KeyedSegment } from "@/lib/compare";
import { AppendWriter } from "@/lib/db/sqlite/append-writer";
import { compactDataset } from "@/lib/db/sqlite/compaction";
import { DatasetWriter } from "@/lib/db/sqlite/dataset-writer";
import { exampleIdTexts, sameExampleIds } from "@/lib/db/sqlite/keys";
import { migrate } from "@/lib/db/sqlite/migrate";
import { listSegments, readSegment, readSegmentKeys } from "@/lib/db/sqlite/segments";
import type { PredictionRow } from "@/lib/ingest/types";

// Two datasets in a real SQLite file, written batch by batch in turns (so A's rows have gaps in
// their ids), joined by example id exactly as the comparison service does.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-compare-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = new Database(path.join(dir, "compare.db"));
db.pragma("foreign_keys = ON");
migrate(db);

const mapping = { label: "label", score: "score", id: "id", timestamp: null, text: null, image: null, slices: ["country"], extras: [], columns: ["id", "label", "score", "country"] };
const meta = (name: string) => ({ name, positiveLabel: "1", negativeLabel: "0", mapping });
const row = (r: { id: string; label: number; score: number; country: string }, at: number): PredictionRow => ({ row: at + 2, label: r.label, score: r.score, exampleId: r.id, timestamp: null, text: null, image: null, slices: JSON.stringify([r.country]), extras: null });

const random = seededRandom(23);
const all = Array.from({ length: 3600 }, (_, i) => ({ id: `ex-${i}`, label: random() < 0.2 ? 1 : 0, score: Math.round(random() * 200) / 200, country: ["FR", "DE", "US"][i % 3] }));
const inA = all.filter((_, i) => i % 10 !== 0); // 10% in B only
const inB = all.filter((_, i) => i % 10 !== 1).map((r) => ({ ...r, score: Math.min(1, r.score + 0.01) })).reverse(); // 10% in A only, reversed

function write(): { a: number; b: number } {
  const batchesA = [inA.slice(0, 2000), inA.slice(2000, 2310), inA.slice(2310, 2620), inA.slice(2620, 2930), inA.slice(2930)];
  const a = new DatasetWriter(meta("A"), db);
  batchesA[0].forEach((r, k) => a.append(row(r, k)));
  const idA = a.finish().id;
  const b = new DatasetWriter(meta("B"), db);
  inB.forEach((r, k) => b.append(row(r, k)));
  const idB = b.finish().id;
  for (const batch of batchesA.slice(1)) {
    const append = new AppendWriter(idA, "refuse", db);
    append.begin(meta(""));
    batch.forEach((r, k) => append.append(row(r, k)));
    append.finish();
  }
  return { a: idA, b: idB };
}

function partsOf(datasetId: number): KeyedSegment[] {
  return (listSegments(datasetId, db) ?? []).map((ref) => {
    const keys = readSegmentKeys(ref.id, db)!;
    return { segment: readSegment(ref.id, 1, db)!, keys: keys.keys, keyOffsets: keys.offsets };
  });
}

function joined(ids: { a: number; b: number }) {
  const partsA = partsOf(ids.a);
  const partsB = partsOf(ids.b);
  const keyedA = keyedRows(partsA, 1);
  const keyedB = keyedRows(partsB, 0);
  const candidates = candidatePairs(keyedA, keyedB);
  const textsA = exampleIdTexts(ids.a, Array.from(candidates.a, (i) => keyedA.ids[i]), db);
  const textsB = exampleIdTexts(ids.b, Array.from(candidates.b, (j) => keyedB.ids[j]), db);
  const result = joinRows(keyedA, keyedB, candidates, (k) => textsA[k] !== null && textsA[k] === textsB[k], [{ column: "country", values: ["FR", "DE", "US"] }]);
  return { partsA, partsB, result, textsA };
}

describe("joining two stored datasets by example id", () => {
  const ids = write();

  test("every row's example id is read back by prediction id, a few at a time or batch by batch", () => {
    const stored = db.prepare(`SELECT id, exampleId FROM "Prediction" WHERE datasetId = ? ORDER BY id`).all(ids.a) as { id: number; exampleId: string }[];
    expect(stored).toHaveLength(inA.length);
    const few = [stored[5], stored[2500], stored[3000]].map((s) => s.id);
    expect(exampleIdTexts(ids.a, [...few, 99_999_999], db)).toEqual([stored[5].exampleId, stored[2500].exampleId, stored[3000].exampleId, null]);
    const many = stored.map((s) => s.id).reverse();
    expect(exampleIdTexts(ids.a, many, db)).toEqual(stored.map((s) => s.exampleId).reverse());
    // B's ids are not A's.
    const firstOfB = (db.prepare(`SELECT MIN(id) AS id FROM "Prediction" WHERE datasetId = ?`).get(ids.b) as { id: number }).id;
    expect(exampleIdTexts(ids.a, [firstOfB], db)).toEqual([null]);
  });

  test("sameExampleIds: 1 exactly where both rows have an id and it is the same text", () => {
    const storedA = db.prepare(`SELECT id, exampleId FROM "Prediction" WHERE datasetId = ? ORDER BY id`).all(ids.a) as { id: number; exampleId: string }[];
    const storedB = db.prepare(`SELECT id, exampleId FROM "Prediction" WHERE datasetId = ? ORDER BY id`).all(ids.b) as { id: number; exampleId: string }[];
    const idOfB = new Map(storedB.map((r) => [r.exampleId, r.id]));
    // Every row of A against its twin in B (or B's first row), then a few against another row, and ids of the wrong dataset.
    const pairs = storedA.map((r, k) => [r.id, k % 97 === 0 ? storedB[(k * 7) % storedB.length].id : idOfB.get(r.exampleId) ?? storedB[0].id] as const);
    pairs.push([storedB[0].id, storedB[0].id], [99_999_999, storedB[1].id]);
    const textA = new Map(storedA.map((r) => [r.id, r.exampleId]));
    const textB = new Map(storedB.map((r) => [r.id, r.exampleId]));
    const expected = pairs.map(([x, y]) => (textA.has(x) && textA.get(x) === textB.get(y) ? 1 : 0));
    const same = sameExampleIds(ids.a, Float64Array.from(pairs, (p) => p[0]), ids.b, Float64Array.from(pairs, (p) => p[1]), db);
    expect(Array.from(same)).toEqual(expected);
    expect(expected.filter((x) => x === 1).length).toBeGreaterThan(storedA.length / 2);
    expect(expected.filter((x) => x === 0).length).toBeGreaterThan(storedA.length / 97);
  });

  test("A's five segments and B's shuffled rows match as the ids' text says, and the score orders come from the segments", () => {
    const { partsA, partsB, result } = joined(ids);
    expect(partsA).toHaveLength(5);
    const inBoth = inA.filter((r) => Number(r.id.slice(3)) % 10 !== 1);
    expect({ matched: result.rows.labels.length, onlyA: result.onlyA, onlyB: result.onlyB }).toEqual({ matched: inBoth.length, onlyA: inA.length - inBoth.length, onlyB: inB.length - inBoth.length });
    const scoreOfB = new Map(inB.map((r) => [r.id, r.score]));
    const texts = exampleIdTexts(ids.a, result.predictionIdsA, db);
    texts.forEach((text, m) => {
      expect(result.rows.scoresB[m]).toBe(scoreOfB.get(text!));
      expect(result.rows.scoresA[m]).toBe(all[Number(text!.slice(3))].score);
    });
    const orders = {
      a: scoreOrderOf(result.segmentA, result.positionA, result.rows.scoresA, partsA.map((p) => p.segment.offsets.length)),
      b: scoreOrderOf(result.segmentB, result.positionB, result.rows.scoresB, partsB.map((p) => p.segment.offsets.length)),
    };
    expect(prepareComparison(result.rows, orders).auc).toEqual(prepareComparison(result.rows).auc);
  });

  test("after a compaction merges A's four appends the join is the same", () => {
    const before = joined(ids).result;
    expect(compactDataset(ids.a, 1, db)).toBe(true);
    const after = joined(ids);
    expect(after.partsA).toHaveLength(2);
    const pairs = (r: typeof before) => Array.from(r.predictionIdsA, (id, m) => `${id}:${r.predictionIdsB[m]}:${r.rows.labels[m]}`).sort();
    expect(pairs(after.result)).toEqual(pairs(before));
  });
});
