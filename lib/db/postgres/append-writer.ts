// An append to an existing dataset on PostgreSQL, in one transaction (see PgBatchWriter).
import { NotFoundError } from "../../errors";
import type { DatasetMeta, WrittenDataset } from "../../ingest/types";
import { segmentCounts } from "../../metrics/segment";
import type { KeyOrder } from "../../metrics/segment-builder";
import {
  allKeys, duplicateCandidates, duplicateIdsError, idsOfCandidates, idsOfDuplicates, idsWithoutKey, keysWithout, matchDuplicates, refuseProblems, rowsWithoutIdProblems, segmentWithout,
} from "../batch-checks";
import type { DuplicatePolicy } from "../store";
import { columnLayoutOf, parseJsonObject, sliceValuesJson } from "../views";
import { PgBatchWriter, type BatchRows, type FinishInput } from "./batch-writer";
import { finiteOrNull, storedBytes } from "./dataset-writer";
import { exampleIdsOf, predictionsOfKeys } from "./keys";
import { insertSegments } from "./segments";
import { instantAt, rowOf } from "./sql";

interface AppendTarget {
  rowCount: number;
  positives: number;
  negatives: number;
  unlabeled: number;
  timestampMin: Date | null;
  timestampMax: Date | null;
  mapping: string;
  sliceValues: string;
}

/**
 * Appends one batch of rows to an existing dataset in one transaction, exactly as the SQLite
 * AppendWriter does: the dataset's row is locked first (a delete waits for the append, and an
 * append of a deleted dataset is refused); at the end, ids the dataset already has refuse the
 * batch (409 duplicate_ids) or, with "skip", are left out; then the batch's keys, its segment,
 * the new totals and a new version are written.
 */
export class PgAppendWriter extends PgBatchWriter {
  private dataset: AppendTarget | null = null;

  constructor(
    private readonly targetId: number,
    private readonly duplicates: DuplicatePolicy = "refuse",
  ) {
    super();
  }

  protected async openDataset(): Promise<number> {
    const found = await rowOf<AppendTarget>(
      `SELECT "rowCount", "positives", "negatives", "unlabeled", "timestampMin", "timestampMax", "mapping", "sliceValues" FROM "Dataset" WHERE "id" = $1 FOR UPDATE`,
      [this.targetId],
      this.db,
    );
    if (!found) throw new NotFoundError(`dataset ${this.targetId}`);
    this.dataset = found;
    const stored = parseJsonObject(found.sliceValues);
    this.knownSliceValues = columnLayoutOf(parseJsonObject(found.mapping)).slices.map((c) => (Array.isArray(stored[c]) ? (stored[c] as unknown[]).map(String) : []));
    return this.targetId;
  }

  protected async writeBatch(rows: BatchRows, sliceValues: string[][], final: FinishInput): Promise<WrittenDataset> {
    const meta = this.meta as DatasetMeta;
    const mapping = meta.mapping as { id?: string | null; slices?: string[] };
    const column = mapping.id ?? "id";
    const d = this.dataset!;
    let segments = this.parts.map((p) => p.segment);
    const keyOrders = this.parts.map((p) => p.keys);
    const keys = allKeys(keyOrders);
    let skipped = 0;
    if (keys) {
      if (keys.keys.length < rows.count) {
        const missing = idsWithoutKey(keys, rows.count, rows.firstId);
        refuseProblems(rowsWithoutIdProblems(missing, await exampleIdsOf(missing, this.db), column));
      }
      refuseProblems(await this.repeatedIds(keys, rows.firstId, column));
      const seen = await this.alreadyStored(keys, rows.firstId);
      if (seen.positions.length && this.duplicates === "refuse") throw duplicateIdsError(seen.pairs, await exampleIdsOf(idsOfDuplicates(seen.pairs), this.db), column);
      if (seen.positions.length) {
        const drop = await this.skip(rows, seen.positions);
        segments = segments.map((s) => segmentWithout(s, drop));
        keyOrders.forEach((k, i) => (keyOrders[i] = k && keysWithout(k, drop)));
        skipped = drop.size;
      }
    }
    const added = rows.count - skipped;
    const counts = { positives: 0, negatives: 0, unlabeled: 0 };
    for (const [i, segment] of segments.entries()) {
      if (segment.offsets.length === 0) continue;
      const c = segmentCounts(segment);
      counts.positives += c.positives;
      counts.negatives += c.negatives;
      counts.unlabeled += c.unlabeled;
      const k = keyOrders[i];
      await insertSegments(this.db, this.datasetId, { ...segment, firstId: rows.firstId }, rows.lastId, k && { keys: k.keys, offsets: k.positions });
    }
    const tMin = Math.min(d.timestampMin?.getTime() ?? Infinity, rows.timestampMin);
    const tMax = Math.max(d.timestampMax?.getTime() ?? -Infinity, rows.timestampMax);
    const totals = { rows: d.rowCount + added, positives: d.positives + counts.positives, negatives: d.negatives + counts.negatives, unlabeled: d.unlabeled + counts.unlabeled };
    await this.db.query(
      `UPDATE "Dataset" SET "rowCount" = $1, "positives" = $2, "negatives" = $3, "unlabeled" = $4, "timestampMin" = ${instantAt("$5")}, "timestampMax" = ${instantAt("$6")},
         "sliceValues" = $7, "version" = "version" + 1, "updatedAt" = ${instantAt("$8")} WHERE "id" = $9`,
      [totals.rows, totals.positives, totals.negatives, totals.unlabeled, finiteOrNull(tMin), finiteOrNull(tMax), sliceValuesJson(mapping.slices ?? [], sliceValues), Date.now(), this.datasetId],
    );
    const durationMs = this.duration;
    await this.db.query(
      `INSERT INTO "Import" ("datasetId", "kind", "firstId", "lastId", "sourceFile", "mapping", "rows", "positives", "negatives", "unlabeled", "bytes", "durationMs", "createdAt")
       VALUES ($1, 'append', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ${instantAt("$12")})`,
      [this.datasetId, rows.firstId, rows.lastId, meta.sourceFile ?? null, JSON.stringify(meta.mapping), added, counts.positives, counts.negatives, counts.unlabeled, storedBytes(final.bytes), durationMs, Date.now()],
    );
    return { id: this.datasetId, ...totals, durationMs, added, skipped };
  }

  /** Positions (0-based, in the batch) of the rows whose id the dataset already holds. */
  private async alreadyStored(keys: KeyOrder, firstId: number) {
    const candidates = duplicateCandidates(keys, await predictionsOfKeys(this.datasetId, keys.keys, this.db), firstId);
    if (candidates.length === 0) return { positions: [], pairs: [] };
    return matchDuplicates(candidates, await exampleIdsOf(idsOfCandidates(candidates), this.db));
  }

  /** Deletes the rows at `positions` from this batch; the positions, to leave out of its segments and keys. */
  private async skip(rows: BatchRows, positions: number[]): Promise<Set<number>> {
    await this.db.query(`DELETE FROM "Prediction" WHERE "id" = ANY($1::int[])`, [positions.map((p) => rows.firstId + p)]);
    return new Set(positions);
  }
}
