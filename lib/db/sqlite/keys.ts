import type Database from "better-sqlite3";
import { cachedByVersionSync } from "../../cache";
import { candidateIds, keysOfExamples, matchExampleIds, predictionsOfKeysIn, type SegmentKeysAt } from "../example-keys";
import { sharedSqlite } from "./connection";
import { listSegments, readSegmentKeys } from "./segments";

const CHUNK = 500;

/**
 * The example-id keys of every segment of a dataset. A segment's keys never change (labels do not
 * touch them), so each is read once per process and kept (by segment id) until it is merged away.
 */
function datasetKeys(datasetId: number, db: Database.Database): SegmentKeysAt[] {
  const refs = listSegments(datasetId, db) ?? [];
  return refs.flatMap((ref) => {
    const keys = cachedByVersionSync("segment-keys", datasetId, 0, () => readSegmentKeys(ref.id, db), { part: String(ref.id), limit: 512 });
    return keys ? [keys] : [];
  });
}

/** The prediction ids stored under each of `keys` (several when ids collide or repeat). */
export function predictionsOfKeys(datasetId: number, keys: ArrayLike<number>, db: Database.Database = sharedSqlite()): Map<number, number[]> {
  return predictionsOfKeysIn(datasetKeys(datasetId, db), keys);
}

/** The example id and spreadsheet row of each prediction asked for. */
export function exampleIdsOf(ids: number[], db: Database.Database = sharedSqlite()): Map<number, { exampleId: string | null; row: number }> {
  const out = new Map<number, { exampleId: string | null; row: number }>();
  for (let at = 0; at < ids.length; at += CHUNK) {
    const chunk = ids.slice(at, at + CHUNK);
    const rows = db.prepare(`SELECT id, exampleId, row FROM "Prediction" WHERE id IN (${chunk.map(() => "?").join(",")})`).all(...chunk) as { id: number; exampleId: string | null; row: number }[];
    for (const r of rows) out.set(r.id, { exampleId: r.exampleId, row: r.row });
  }
  return out;
}

/** The prediction id of each example id the dataset has (ids it does not have are left out). */
export function predictionIdsOfExamples(datasetId: number, exampleIds: string[], db: Database.Database = sharedSqlite()): Map<string, number> {
  const keys = keysOfExamples(exampleIds);
  const candidates = predictionsOfKeys(datasetId, keys, db);
  return matchExampleIds(exampleIds, keys, candidates, exampleIdsOf(candidateIds(candidates), db));
}
