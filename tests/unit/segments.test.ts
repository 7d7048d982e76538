import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/demo/random";
import { compactDataset } from "@/lib/db/sqlite/compaction";
import { MERGED_FROM_BELOW_ROWS, segmentsToMerge } from "@/lib/db/compaction-plan";
import { DatasetWriter } from "@/lib/db/sqlite/dataset-writer";
import { AppendWriter } from "@/lib/db/sqlite/append-writer";
import { writeLabels } from "@/lib/db/sqlite/labels";
import { migrate } from "@/lib/db/sqlite/migrate";
import { listSegments, readSegment } from "@/lib/db/sqlite/segments";
import { upgradeDatasetsWithoutSegments } from "@/lib/db/sqlite/upgrade";
import { sortKeys } from "@/lib/metrics/key-sort";
import { confusionAt, countAcross, cumulate, mergeScoreTables, mergeSegments, pageAcross, segmentTable, splitSegment, type Outcome, type ScoreSegment } from "@/lib/metrics";
import type { PredictionRow } from "@/lib/ingest/types";
import { ingestCsv } from "@/lib/ingest";
import { RowParser, type ParseSetup } from "@/lib/ingest/row-parser";
import { summarize } from "@/lib/metrics";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-segments-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A segment of rows given in arrival order (ids firstId…), sorted by (score, id) as the builder sorts them. */
function segmentOf(firstId: number, scores: number[], labels: number[], countries: number[] = []): ScoreSegment {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  return {
    firstId,
    offsets: Uint32Array.from(order),
    scores: Float64Array.from(order, (i) => scores[i]),
    labels: Uint8Array.from(order, (i) => labels[i]),
    times: null,
    slices: [Uint16Array.from(order, (i) => countries[i] ?? 0)],
  };
}

/** Rows of several segments, each with its id: the naive reference for every walk. */
const rowsOf = (segments: ScoreSegment[]) => segments.flatMap((s) => Array.from(s.offsets, (o, i) => ({ id: s.firstId + o, score: s.scores[i], label: s.labels[i], country: s.slices[0][i] })));

function naivePage(rows: ReturnType<typeof rowsOf>, outcome: Outcome, t: number, direction: "ASC" | "DESC", offset: number, limit: number, keep = (_r: (typeof rows)[number]) => true) {
  const flagged = outcome === "tp" || outcome === "fp";
  const label = outcome === "tp" || outcome === "fn" ? 1 : 0;
  const matching = rows.filter((r) => r.label === label && (r.score >= t) === flagged && keep(r));
  matching.sort((a, b) => (a.score - b.score || a.id - b.id) * (direction === "ASC" ? 1 : -1));
  return matching.slice(offset, offset + limit).map((r) => r.id);
}

describe("walks across segments equal a sort of all their rows", () => {
  const random = seededRandom(11);
  const segments = [0, 1000, 5000, 5200].map((firstId, k) => {
    const n = [300, 40, 7, 120][k];
    return segmentOf(firstId, Array.from({ length: n }, () => Math.round(random() * 20) / 20), Array.from({ length: n }, () => (random() < 0.1 ? 255 : random() < 0.3 ? 1 : 0)), Array.from({ length: n }, () => Math.floor(random() * 3)));
  });
  const rows = rowsOf(segments);
  test.each(["fp", "fn", "tp", "tn"] as Outcome[])("pages of %s at every threshold, both directions, filtered or not", (outcome) => {
    for (const t of [0, 0.05, 0.5, 0.55, 0.95, 1]) {
      for (const direction of ["ASC", "DESC"] as const) {
        for (const [offset, limit] of [[0, 10], [3, 50], [0, 1000], [400, 10]]) {
          expect(pageAcross(segments, outcome, t, direction, offset, limit)).toEqual(naivePage(rows, outcome, t, direction, offset, limit));
          const fr = (k: number, i: number) => segments[k].slices[0][i] === 1;
          expect(pageAcross(segments, outcome, t, direction, offset, limit, fr)).toEqual(naivePage(rows, outcome, t, direction, offset, limit, (r) => r.country === 1));
        }
        expect(countAcross(segments, outcome, t, (k, i) => segments[k].slices[0][i] === 2)).toBe(naivePage(rows, outcome, t, "ASC", 0, 1e9, (r) => r.country === 2).length);
      }
    }
  });

  test("counts summed over the segments' tables equal the merged table's, and mergeSegments keeps every row in (score, id) order", () => {
    const tables = segments.map((s) => cumulate(segmentTable(s)));
    const merged = cumulate(mergeScoreTables(segments.map(segmentTable)));
    for (const t of [0, 0.3, 0.5, 0.51, 1]) expect(confusionAt({ parts: tables, totalPositives: merged.totalPositives, totalNegatives: merged.totalNegatives }, t)).toEqual(confusionAt(merged, t));
    const one = mergeSegments(segments);
    expect(rowsOf([one])).toEqual([...rows].sort((a, b) => a.score - b.score || a.id - b.id));
    expect(segmentTable(one)).toEqual(mergeScoreTables(segments.map(segmentTable)));
  });
});

describe("segments in a SQLite file", () => {
  const file = path.join(dir, "segments.db");
  const db = new Database(file);
  db.pragma("foreign_keys = ON");
  migrate(db);
  const mapping = { label: "label", score: "score", id: "id", timestamp: null, text: null, image: null, slices: ["country"], extras: [], columns: ["id", "label", "score", "country"] };
  const row = (i: number, label: number, score: number, country: string): PredictionRow => ({ row: i + 2, label, score, exampleId: `e${i}`, timestamp: null, text: null, image: null, slices: JSON.stringify([country]), extras: null });
  const countries = ["FR", "DE", "US"];

  test("appends, late labels and compaction keep exactly the rows' figures", () => {
    const random = seededRandom(5);
    const all: { label: number; score: number; country: string }[] = [];
    const writer = new DatasetWriter({ name: "stream", positiveLabel: "1", negativeLabel: "0", mapping }, db);
    for (let i = 0; i < 500; i++) {
      const r = { label: random() < 0.3 ? 1 : 0, score: Math.round(random() * 100) / 100, country: countries[i % 3] };
      all.push(r);
      writer.append(row(i, r.label, r.score, r.country));
    }
    const id = writer.finish().id;
    for (let batch = 0; batch < 9; batch++) {
      const append = new AppendWriter(id, "refuse", db);
      append.begin({ name: "", positiveLabel: "1", negativeLabel: "0", mapping });
      for (let k = 0; k < 20; k++) {
        const i = all.length;
        const r = { label: 255, score: Math.round(random() * 100) / 100, country: countries[k % 3] };
        all.push(r);
        append.append(row(i, r.label, r.score, r.country));
      }
      append.finish();
    }
    // Late labels for every appended row, by prediction id (the rows' ids follow the first import's).
    const firstId = (db.prepare(`SELECT MIN(id) AS id FROM "Prediction" WHERE datasetId = ?`).get(id) as { id: number }).id;
    const ids = db.prepare(`SELECT id FROM "Prediction" WHERE datasetId = ? ORDER BY id`).all(id) as { id: number }[];
    const changes = ids.slice(500).map(({ id: predictionId }, k) => ({ predictionId, label: (k % 4 === 0 ? 1 : 0) as 0 | 1 }));
    changes.forEach((c, k) => (all[500 + k].label = c.label));
    expect(writeLabels(id, changes, "test", null, db)).toEqual({ received: 180, changed: 180 });
    const read = () => (listSegments(id, db) ?? []).map((ref) => readSegment(ref.id, 1, db)!);
    const before = read();
    expect(before).toHaveLength(10);
    expect(compactDataset(id, 1, db)).toBe(true);
    const after = read();
    expect(after.length).toBeLessThan(10);
    const expected = all.map((r, i) => ({ id: firstId + i, score: r.score, label: r.label, country: countries.indexOf(r.country) })).sort((a, b) => a.score - b.score || a.id - b.id);
    for (const segments of [before, after]) expect(rowsOf([mergeSegments(segments)])).toEqual(expected);
  });

  test("a long import is stored segment by segment as the parser completes them; a repeated id across segments still refuses it", async () => {
    const lines = (from: number, to: number, id = (i: number) => `s${i}`) =>
      Array.from({ length: to - from }, (_, k) => from + k).map((i) => `${id(i)},${i % 3 === 0 ? "" : i % 4 === 0 ? 1 : 0},${((i * 7919) % 1000) / 1000},${countries[i % 3]}\n`).join("");
    const csv = (body: string) => (async function* () { yield new TextEncoder().encode(`id,label,score,country\n${body}`); })();
    const options = { label: "label", score: "score", id: "id", slice: ["country"], name: "segmented", segmentRows: 300 };
    const written = await ingestCsv(csv(lines(0, 1000)), options, new DatasetWriter(undefined, db));
    const whole = await ingestCsv(csv(lines(0, 1000)), { ...options, segmentRows: undefined }, new DatasetWriter(undefined, db));
    const segmentsOf = (id: number) => (listSegments(id, db) ?? []).map((ref) => readSegment(ref.id, 1, db)!);
    expect(segmentsOf(written.id).map((s) => s.offsets.length).sort((a, b) => a - b)).toEqual([100, 300, 300, 300]);
    expect(segmentsOf(whole.id)).toHaveLength(1);
    const firstOf = (id: number) => (db.prepare(`SELECT MIN(id) AS id FROM "Prediction" WHERE datasetId = ?`).get(id) as { id: number }).id;
    const relative = (id: number) => rowsOf([mergeSegments(segmentsOf(id))]).map((r) => ({ ...r, id: r.id - firstOf(id) }));
    expect(relative(written.id)).toEqual(relative(whole.id));
    expect({ ...written, id: 0, durationMs: 0 }).toEqual({ ...whole, id: 0, durationMs: 0 });
    // Several segments: the summary figures are left to the first read (one segment's are stored at once).
    const summaryOf = (id: number) => db.prepare(`SELECT summaryVersion, version, rocAuc FROM "Dataset" WHERE id = ?`).get(id) as { summaryVersion: number; version: number; rocAuc: number | null };
    expect(summaryOf(written.id)).toMatchObject({ summaryVersion: 0, rocAuc: null });
    expect(summaryOf(whole.id).summaryVersion).toBe(summaryOf(whole.id).version);
    expect(summarize(mergeScoreTables(segmentsOf(written.id).map(segmentTable))).rocAuc).toBe(summaryOf(whole.id).rocAuc);

    const datasets = () => (db.prepare(`SELECT COUNT(*) AS n FROM "Dataset"`).get() as { n: number }).n;
    const before = datasets();
    const repeated = await ingestCsv(csv(lines(0, 1000, (i) => (i === 900 ? "s5" : `s${i}`))), options, new DatasetWriter(undefined, db)).catch((e: unknown) => e);
    expect(repeated).toMatchObject({ code: "invalid_rows", details: [{ row: 902, column: "id", message: '"s5" appears again (first on row 7): each example id may appear once' }] });
    expect(datasets()).toBe(before);

    // An append of three segments' rows, two of whose ids the dataset has (skipped).
    const target = { mapping: { ...mapping, columns: ["id", "label", "score", "country"] }, positiveLabel: "1", negativeLabel: "0", sliceValues: [countries] };
    const appended = await ingestCsv(csv(lines(998, 1700)), { ...options, append: target }, new AppendWriter(written.id, "skip", db));
    expect(appended).toMatchObject({ added: 700, skipped: 2, rows: 1700 });
    expect(segmentsOf(written.id).reduce((n, s) => n + s.offsets.length, 0)).toBe(1700);
    expect(new Set(rowsOf(segmentsOf(written.id)).map((r) => r.id)).size).toBe(1700);
  });

  test("a dataset stored before segments existed is rebuilt from its rows, with the same segment and keys", () => {
    const writer = new DatasetWriter({ name: "legacy", positiveLabel: "1", negativeLabel: "0", mapping }, db);
    for (let i = 0; i < 50; i++) writer.append(row(i, i % 3 === 0 ? 1 : 0, (i * 7) % 10 / 10, countries[i % 3]));
    const id = writer.finish().id;
    const [original] = (listSegments(id, db) ?? []).map((ref) => readSegment(ref.id, 1, db));
    const keys = () => db.prepare(`SELECT keys, keyOffsets FROM "Segment" WHERE datasetId = ?`).all(id);
    const originalKeys = keys();
    db.prepare(`DELETE FROM "Segment" WHERE datasetId = ?`).run(id);
    expect(upgradeDatasetsWithoutSegments(db)).toEqual([id]);
    const [rebuilt] = (listSegments(id, db) ?? []).map((ref) => readSegment(ref.id, 1, db));
    expect(rebuilt).toEqual(original);
    expect(keys()).toEqual(originalKeys);
    expect(upgradeDatasetsWithoutSegments(db)).toEqual([]);
  });
});

describe("SegmentBuilder", () => {
  test("allocates a segment's arrays at its first row: a parser never fed (the importing thread's, while a worker parses) holds none, and a fed one builds every row", () => {
    const setup: ParseSetup = {
      delimiter: ",",
      encoding: "utf-8",
      mapping: { label: "y", score: "p", id: "id", timestamp: "at", text: null, image: null, slices: ["country"], extras: [], columns: ["id", "at", "country", "p", "y"] },
      sampleLabels: ["1", "0"],
      positive: undefined,
      // A 5M-row file's estimate: a first segment of MAX_SEGMENT_ROWS rows, ~36 MB of columns.
      expectedRows: 5_000_000,
    };
    const before = process.memoryUsage().arrayBuffers;
    const idle = new RowParser(setup);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 ** 20);
    const fed = new RowParser({ ...setup, expectedRows: 3 });
    fed.push(new TextEncoder().encode("id,at,country,p,y\na,2026-01-02,FR,0.5,1\nb,2026-01-01,DE,0.25,0\nc,2026-01-03,FR,0.5,0\n"));
    expect(fed.end().problems).toEqual([]);
    const [part] = fed.scoreIndexes()!.parts;
    expect(Array.from(part.segment.offsets)).toEqual([1, 0, 2]);
    expect(Array.from(part.segment.labels)).toEqual([0, 1, 0]);
    expect(part.keys!.positions.length).toBe(3);
    // The idle one still answers: no rows, one empty segment.
    expect(idle.end().problems).toEqual([]);
    expect(idle.scoreIndexes()!.parts.map((p) => p.segment.offsets.length)).toEqual([0]);
  });
});

describe("sortKeys", () => {
  test.each([10, 5000, 70_000])("sorts %i keys with their positions exactly as a stable comparison sort (ties by position)", (n) => {
    const random = seededRandom(n);
    // Few distinct high bits and many ties, as hashed ids have none but a test should.
    const keys = Float64Array.from({ length: n }, () => Math.floor(random() * 2 ** 21) * 2 ** 32 + (random() < 0.3 ? 7 : Math.floor(random() * 2 ** 32)));
    const positions = Uint32Array.from({ length: n }, (_, i) => i);
    const expected = [...positions].sort((a, b) => keys[a] - keys[b] || a - b);
    const sorted = sortKeys(Float64Array.from(keys), Uint32Array.from(positions));
    expect(Array.from(sorted.positions)).toEqual(expected);
    expect(Array.from(sorted.keys)).toEqual(expected.map((i) => keys[i]));
  });
});

describe("splitSegment", () => {
  test("pieces of at most maxRows rows along the score order, each with its own keys, hold every row once", () => {
    const random = seededRandom(3);
    const n = 1000;
    const segment = segmentOf(50, Array.from({ length: n }, () => Math.round(random() * 50) / 50), Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0)));
    const keyOrder = Array.from({ length: n }, (_, i) => i).sort((a, b) => (a * 7919) % 1000 - (b * 7919) % 1000);
    const keys = { keys: Float64Array.from(keyOrder, (i) => (i * 7919) % 1000), offsets: Uint32Array.from(keyOrder) };
    const pieces = splitSegment(segment, keys, 300);
    expect(pieces.map((p) => p.segment.offsets.length)).toEqual([300, 300, 300, 100]);
    expect(rowsOf(pieces.map((p) => p.segment))).toEqual(rowsOf([segment]));
    for (const { segment: piece, keys: k } of pieces) {
      expect(new Set(k!.offsets)).toEqual(new Set(piece.offsets));
      for (let i = 1; i < k!.keys.length; i++) expect(k!.keys[i] >= k!.keys[i - 1]).toBe(true);
    }
    expect(splitSegment(segment, null, 5000)).toEqual([{ segment, keys: null }]);
  });
});

test("compaction merges four segments of one size tier, smallest tier first, and leaves segments of MERGED_FROM_BELOW_ROWS rows or more", () => {
  const ref = (id: number, rows: number) => ({ id, revision: 0, firstId: id * 1e6, lastId: id * 1e6 + rows - 1, rows });
  expect(segmentsToMerge([ref(1, 1000), ref(2, 1000), ref(3, 900), ref(4, 5000)])).toBeNull();
  expect(segmentsToMerge([ref(1, 1000), ref(2, 1000), ref(3, 900), ref(4, 1020), ref(5, 5000), ref(6, 5000), ref(7, 5000), ref(8, 5000)])?.map((r) => r.id)).toEqual([1, 2, 3, 4]);
  const big = MERGED_FROM_BELOW_ROWS;
  expect(segmentsToMerge([ref(1, big), ref(2, big), ref(3, big), ref(4, big)])).toBeNull();
  expect(segmentsToMerge([ref(1, big - 1), ref(2, big - 1), ref(3, big - 1), ref(4, big - 1)])?.length).toBe(4);
});
