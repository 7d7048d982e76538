import type Database from "better-sqlite3";
import { NotFoundError } from "../../errors";
import type { DatasetMeta, WrittenDataset } from "../../ingest/types";
import { segmentCounts } from "../../metrics/segment";
import type { KeyOrder } from "../../metrics/segment-builder";
import { duplicateCandidates, duplicateIdsError, idsOfCandidates, idsOfDuplicates, idsWithoutKey, keysWithout, matchDuplicates, rowsWithoutIdProblems, segmentWithout } from "../batch-checks";
import { columnLayoutOf, parseJsonObject, sliceValuesJson } from "../views";
import { BatchWriter, type FinishInput } from "./batch-writer";
import { exampleIdsOf, predictionsOfKeys } from "./keys";
import type { RowInserter } from "./row-inserter";
import { insertSegments } from "./segments";

/** What an append does with rows whose example id the dataset already has. */
export type DuplicatePolicy = "refuse" | "skip";

/** Positions (0-based, in the batch) of the rows whose id the dataset already holds. */
function alreadyStored(db: Database.Database, datasetId: number, keys: KeyOrder, firstId: number) {
  const candidates = duplicateCandidates(keys, predictionsOfKeys(datasetId, keys.keys, db), firstId);
  if (candidates.length === 0) return { positions: [], pairs: [] };
  return matchDuplicates(candidates, exampleIdsOf(idsOfCandidates(candidates), db));
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
        segments = segments.map((s) => segmentWithout(s, drop));
        keyOrders.forEach((k, i) => (keyOrders[i] = k && keysWithout(k, drop)));
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
    const missing = idsWithoutKey(keys, rows.count, rows.firstId);
    return rowsWithoutIdProblems(missing, exampleIdsOf(missing, this.db), column);
  }

  private duplicateError(pairs: { newId: number; oldId: number }[], column: string) {
    return duplicateIdsError(pairs, exampleIdsOf(idsOfDuplicates(pairs), this.db), column);
  }

  /** Deletes the rows at `positions` from this batch; the positions, to leave out of its segments and keys. */
  private skip(rows: RowInserter, positions: number[]): Set<number> {
    const del = this.db.prepare(`DELETE FROM "Prediction" WHERE id = ?`);
    for (const p of positions) del.run(rows.firstId + p);
    return new Set(positions);
  }
}
