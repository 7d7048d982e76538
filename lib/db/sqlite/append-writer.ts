import type Database from "better-sqlite3";
import { ConflictError, NotFoundError } from "../../errors";
import type { DatasetMeta, WrittenDataset } from "../../ingest/types";
import { segmentCounts, type ScoreSegment } from "../../metrics/segment";
import type { KeyOrder } from "../../metrics/segment-builder";
import { columnLayoutOf, parseJsonObject } from "../views";
import { BatchWriter, type FinishInput } from "./batch-writer";
import { sliceValuesJson } from "./dataset-writer";
import { exampleIdsOf, predictionsOfKeys } from "./keys";
import type { RowInserter } from "./row-inserter";
import { insertSegments } from "./segments";

/** What an append does with rows whose example id the dataset already has. */
export type DuplicatePolicy = "refuse" | "skip";

const LISTED = 10;

/** Positions (0-based, in the batch) of the rows whose id the dataset already holds. */
function alreadyStored(db: Database.Database, datasetId: number, keys: KeyOrder, firstId: number): { positions: number[]; pairs: { newId: number; oldId: number }[] } {
  const stored = predictionsOfKeys(datasetId, keys.keys, db);
  const candidates: { position: number; newId: number; oldIds: number[] }[] = [];
  for (let i = 0; i < keys.keys.length; i++) {
    const oldIds = (stored.get(keys.keys[i]) ?? []).filter((id) => id < firstId);
    if (oldIds.length) candidates.push({ position: keys.positions[i], newId: firstId + keys.positions[i], oldIds });
  }
  if (candidates.length === 0) return { positions: [], pairs: [] };
  const texts = exampleIdsOf([...new Set(candidates.flatMap((c) => [c.newId, ...c.oldIds]))], db);
  const positions: number[] = [];
  const pairs: { newId: number; oldId: number }[] = [];
  for (const c of candidates) {
    const mine = texts.get(c.newId)?.exampleId;
    const old = c.oldIds.find((id) => texts.get(id)?.exampleId === mine);
    if (old !== undefined) {
      positions.push(c.position);
      pairs.push({ newId: c.newId, oldId: old });
    }
  }
  return { positions, pairs };
}

/** The segment without the rows at `drop` (positions = id offsets; the rows left keep their ids). */
function without(segment: ScoreSegment, drop: Set<number>): ScoreSegment {
  const keep: number[] = [];
  for (let i = 0; i < segment.offsets.length; i++) if (!drop.has(segment.offsets[i])) keep.push(i);
  const pick = <T extends Uint32Array | Float64Array | Uint8Array | Uint16Array>(a: T) => {
    const out = new (a.constructor as new (n: number) => T)(keep.length);
    keep.forEach((i, k) => (out[k] = a[i]));
    return out;
  };
  return { firstId: segment.firstId, offsets: pick(segment.offsets), scores: pick(segment.scores), labels: pick(segment.labels), times: segment.times && pick(segment.times), slices: segment.slices.map(pick) };
}

/** The key order without the rows at `drop` (batch positions). */
function withoutKeys(keys: KeyOrder, drop: Set<number>): KeyOrder {
  const kept = [...Array(keys.keys.length).keys()].filter((i) => !drop.has(keys.positions[i]));
  return { keys: Float64Array.from(kept, (i) => keys.keys[i]), positions: Uint32Array.from(kept, (i) => keys.positions[i]) };
}

/**
 * Appends one batch of rows to an existing dataset in one transaction (see BatchWriter): readers
 * see the dataset before or after the batch, never half of it. At the end, ids the dataset
 * already has refuse the batch (409 duplicate_ids, naming the first rows) or, with "skip", are
 * left out; then the batch's keys, its segment, the new totals and a new version are written.
 */
export class AppendWriter extends BatchWriter {
  private dataset: { rowCount: number; positives: number; negatives: number; unlabeled: number; timestampMin: number | null; timestampMax: number | null; mapping: string } | null = null;

  constructor(
    private readonly targetId: number,
    private readonly duplicates: DuplicatePolicy = "refuse",
    db?: Database.Database,
  ) {
    super(db);
  }

  protected openDataset(): number {
    const found = this.db
      .prepare(`SELECT rowCount, positives, negatives, unlabeled, timestampMin, timestampMax, mapping, sliceValues FROM "Dataset" WHERE id = ?`)
      .get(this.targetId) as (NonNullable<AppendWriter["dataset"]> & { sliceValues: string }) | undefined;
    if (!found) throw new NotFoundError(`dataset ${this.targetId}`);
    this.dataset = found;
    const stored = parseJsonObject(found.sliceValues);
    this.knownSliceValues = columnLayoutOf(parseJsonObject(found.mapping)).slices.map((c) => (Array.isArray(stored[c]) ? (stored[c] as unknown[]).map(String) : []));
    return this.targetId;
  }

  protected writeBatch(rows: RowInserter, sliceValues: string[][], final: FinishInput): WrittenDataset {
    const meta = this.meta as DatasetMeta;
    const mapping = meta.mapping as { id?: string | null; slices?: string[] };
    const d = this.dataset!;
    let segments = this.parts.map((p) => p.segment);
    const keyOrders = this.parts.map((p) => p.keys);
    const keys = this.allKeys(keyOrders);
    let skipped = 0;
    if (keys) {
      if (keys.keys.length < rows.count) this.refuse(this.rowsWithoutId(keys, rows, mapping.id ?? "id"));
      this.refuse(this.repeatedIds(keys, rows.firstId, mapping.id ?? "id"));
      const seen = alreadyStored(this.db, this.datasetId, keys, rows.firstId);
      if (seen.positions.length && this.duplicates === "refuse") throw this.duplicateError(seen.pairs, mapping.id ?? "id");
      if (seen.positions.length) {
        const drop = this.skip(rows, seen.positions);
        segments = segments.map((s) => without(s, drop));
        keyOrders.forEach((k, i) => (keyOrders[i] = k && withoutKeys(k, drop)));
        skipped = drop.size;
      }
    }
    const added = rows.count - skipped;
    const counts = { positives: 0, negatives: 0, unlabeled: 0 };
    segments.forEach((segment, i) => {
      if (segment.offsets.length === 0) return;
      const c = segmentCounts(segment);
      counts.positives += c.positives;
      counts.negatives += c.negatives;
      counts.unlabeled += c.unlabeled;
      const k = keyOrders[i];
      insertSegments(this.db, this.datasetId, { ...segment, firstId: rows.firstId }, rows.lastId, k && { keys: k.keys, offsets: k.positions });
    });
    const tMin = Math.min(d.timestampMin ?? Infinity, rows.timestampMin);
    const tMax = Math.max(d.timestampMax ?? -Infinity, rows.timestampMax);
    const totals = { rows: d.rowCount + added, positives: d.positives + counts.positives, negatives: d.negatives + counts.negatives, unlabeled: d.unlabeled + counts.unlabeled };
    this.db
      .prepare(`UPDATE "Dataset" SET rowCount = ?, positives = ?, negatives = ?, unlabeled = ?, timestampMin = ?, timestampMax = ?, sliceValues = ?, version = version + 1, updatedAt = ? WHERE id = ?`)
      .run(totals.rows, totals.positives, totals.negatives, totals.unlabeled, Number.isFinite(tMin) ? tMin : null, Number.isFinite(tMax) ? tMax : null, sliceValuesJson(mapping.slices ?? [], sliceValues), Date.now(), this.datasetId);
    const durationMs = this.duration;
    this.db
      .prepare(`INSERT INTO "Import" (datasetId, kind, firstId, lastId, sourceFile, mapping, rows, positives, negatives, unlabeled, bytes, durationMs, createdAt) VALUES (?, 'append', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(this.datasetId, rows.firstId, rows.lastId, meta.sourceFile ?? null, JSON.stringify(meta.mapping), added, counts.positives, counts.negatives, counts.unlabeled, final.bytes ?? 0, durationMs, Date.now());
    return { id: this.datasetId, ...totals, durationMs, added, skipped };
  }

  /** The first rows of the batch without an example id (the dataset is keyed by it, so each needs one). */
  private rowsWithoutId(keys: KeyOrder, rows: RowInserter, column: string) {
    const keyed = new Set(keys.positions);
    const missing: number[] = [];
    for (let p = 0; p < rows.count && missing.length < LISTED; p++) if (!keyed.has(p)) missing.push(rows.firstId + p);
    const texts = exampleIdsOf(missing, this.db);
    return missing.map((id) => ({ row: texts.get(id)!.row, column, message: "is empty: the dataset is keyed by its example ids, so every appended row needs one" }));
  }

  private duplicateError(pairs: { newId: number; oldId: number }[], column: string): ConflictError {
    const texts = exampleIdsOf(pairs.slice(0, LISTED).map((p) => p.newId), this.db);
    const details = pairs
      .slice(0, LISTED)
      .map((p) => texts.get(p.newId)!)
      .sort((a, b) => a.row - b.row)
      .map((t) => ({ row: t.row, column, message: `the dataset already has ${JSON.stringify(t.exampleId)}` }));
    const first = details[0];
    return new ConflictError(
      `${pairs.length} row${pairs.length > 1 ? "s have ids" : " has an id"} the dataset already has, e.g. row ${first.row}: ${JSON.stringify(texts.get(pairs[0].newId)?.exampleId)}; nothing was added (send ?duplicates=skip to leave them out)`,
      "duplicate_ids",
      details,
    );
  }

  /** Deletes the rows at `positions` from this batch; the positions, to leave out of its segments and keys. */
  private skip(rows: RowInserter, positions: number[]): Set<number> {
    const del = this.db.prepare(`DELETE FROM "Prediction" WHERE id = ?`);
    for (const p of positions) del.run(rows.firstId + p);
    return new Set(positions);
  }
}
