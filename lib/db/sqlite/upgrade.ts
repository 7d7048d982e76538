import type Database from "better-sqlite3";
import { exampleKey } from "../../ingest/example-key";
import { SliceDictionary } from "../../ingest/slice-codes";
import { SegmentBuilder } from "../../metrics/segment-builder";
import { columnLayoutOf, parseJsonObject, sliceValuesJson } from "../views";
import { insertSegments } from "./segments";

/**
 * Datasets imported before segments existed (their rows only): builds each one's segment,
 * example-id keys, slice dictionaries and batch id range from its rows, one transaction per
 * dataset. Run after the migrations; a no-op once every dataset has its segments.
 */
export function upgradeDatasetsWithoutSegments(db: Database.Database): number[] {
  const pending = db
    .prepare(`SELECT d.id, d.mapping FROM "Dataset" d WHERE d.rowCount > 0 AND NOT EXISTS (SELECT 1 FROM "Segment" s WHERE s.datasetId = d.id)`)
    .all() as { id: number; mapping: string }[];
  for (const { id, mapping } of pending) {
    const layout = columnLayoutOf(parseJsonObject(mapping));
    const roles = parseJsonObject(mapping) as { id?: string | null; timestamp?: string | null };
    db.transaction(() => {
      const rows = db.prepare(`SELECT id, score, label, timestamp, exampleId, slices FROM "Prediction" WHERE datasetId = ? ORDER BY id`).raw(true).iterate(id) as IterableIterator<[number, number, number | null, number | null, string | null, string | null]>;
      const builder = new SegmentBuilder({ times: Boolean(roles.timestamp), sliceColumns: layout.slices.length, keys: Boolean(roles.id) });
      const dictionary = new SliceDictionary(layout.slices.length);
      const codes = new Uint16Array(layout.slices.length);
      let firstId = -1;
      let lastId = -1;
      for (const [rowId, score, label, timestamp, exampleId, slices] of rows) {
        if (firstId < 0) firstId = rowId;
        if (rowId - firstId !== builder.size) throw new Error(`dataset ${id}: rows do not have consecutive ids`);
        lastId = rowId;
        const values: unknown[] = slices ? JSON.parse(slices) : [];
        for (let c = 0; c < codes.length; c++) codes[c] = dictionary.code(c, values[c] === null || values[c] === undefined ? "" : String(values[c]));
        builder.add(score, label ?? 255, timestamp ?? NaN, codes, exampleId === null ? NaN : exampleKey(exampleId));
      }
      for (const built of builder.finish()) insertSegments(db, id, { ...built.segment, firstId }, lastId, built.keys && { keys: built.keys.keys, offsets: built.keys.positions });
      db.prepare(`UPDATE "Dataset" SET sliceValues = ?, version = version + 1 WHERE id = ?`).run(sliceValuesJson(layout.slices, dictionary.values), id);
      db.prepare(`UPDATE "Import" SET firstId = ?, lastId = ? WHERE datasetId = ? AND lastId < firstId AND kind = 'import'`).run(firstId, lastId, id);
    }).immediate();
  }
  return pending.map((p) => p.id);
}
