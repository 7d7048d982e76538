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

/** Asked for more ids than this, a batch's example ids are read whole (one range scan) rather than by id. */
const WHOLE_BATCH = 2000;

/**
 * The example id of each prediction asked for (null: the row has none, or is not the dataset's),
 * in the order asked. Many ids (a comparison's matched rows) read each of the dataset's batches
 * whole, in id order: a batch's rows have consecutive ids, so the i-th text is id firstId + i.
 */
export function exampleIdTexts(datasetId: number, predictionIds: ArrayLike<number>, db: Database.Database = sharedSqlite()): (string | null)[] {
  const n = predictionIds.length;
  const out: (string | null)[] = new Array(n).fill(null);
  if (n === 0) return out;
  if (n <= WHOLE_BATCH) {
    const ids = Array.from(predictionIds);
    const found = new Map<number, string | null>();
    for (let at = 0; at < ids.length; at += CHUNK) {
      const chunk = ids.slice(at, at + CHUNK);
      const rows = db.prepare(`SELECT id, exampleId FROM "Prediction" WHERE "datasetId" = ? AND id IN (${chunk.map(() => "?").join(",")})`).all(datasetId, ...chunk) as { id: number; exampleId: string | null }[];
      for (const r of rows) found.set(r.id, r.exampleId);
    }
    for (let i = 0; i < n; i++) out[i] = found.get(predictionIds[i]) ?? null;
    return out;
  }
  const batches = db.prepare(`SELECT firstId, lastId FROM "Import" WHERE datasetId = ? AND lastId >= firstId ORDER BY firstId`).all(datasetId) as { firstId: number; lastId: number }[];
  const texts = batches.map(({ firstId, lastId }) => {
    const rows = db.prepare(`SELECT exampleId FROM "Prediction" WHERE id BETWEEN ? AND ? AND "datasetId" = ? ORDER BY id`).pluck(true).all(firstId, lastId, datasetId) as (string | null)[];
    if (rows.length === lastId - firstId + 1) return rows;
    // Not consecutive after all: place each text by its id.
    const placed: (string | null)[] = new Array(lastId - firstId + 1).fill(null);
    for (const r of db.prepare(`SELECT id, exampleId FROM "Prediction" WHERE id BETWEEN ? AND ? AND "datasetId" = ?`).all(firstId, lastId, datasetId) as { id: number; exampleId: string | null }[]) placed[r.id - firstId] = r.exampleId;
    return placed;
  });
  for (let i = 0; i < n; i++) {
    const id = predictionIds[i];
    let lo = 0;
    let hi = batches.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (batches[mid].firstId <= id) lo = mid;
      else hi = mid - 1;
    }
    const batch = batches[lo];
    if (batch && id >= batch.firstId && id <= batch.lastId) out[i] = texts[lo][id - batch.firstId];
  }
  return out;
}

/** store().rows.sameExampleIds on this connection: both sides' texts read in batches, compared here. */
export function sameExampleIds(a: number, idsA: ArrayLike<number>, b: number, idsB: ArrayLike<number>, db: Database.Database = sharedSqlite()): Uint8Array {
  if (idsA.length !== idsB.length) throw new Error(`${idsA.length} rows of one dataset against ${idsB.length} of the other`);
  const [textsA, textsB] = [exampleIdTexts(a, idsA, db), exampleIdTexts(b, idsB, db)];
  return Uint8Array.from(textsA, (text, k) => (text !== null && text === textsB[k] ? 1 : 0));
}
