import type Database from "better-sqlite3";
import { exampleKey } from "../../ingest/example-key";
import { sharedSqlite } from "./connection";

const PER_STATEMENT = 200;
const CHUNK = 500;

/**
 * Stores example-id keys: keys[i] names prediction ids[i]. Given in key order (as the parse
 * worker sorts them), each statement appends to the same place in the B-tree, which keeps an
 * import linear in its rows whatever order the file's ids come in.
 */
export function insertKeys(db: Database.Database, datasetId: number, keys: Float64Array, idOf: (i: number) => number): void {
  if (!Number.isSafeInteger(datasetId)) throw new Error(`bad dataset id ${datasetId}`);
  const full = db.prepare(`INSERT INTO "ExampleKey" ("datasetId", "keyHash", "predictionId") VALUES ${Array(PER_STATEMENT).fill(`(${datasetId},?,?)`).join(",")}`);
  const values: number[] = new Array(PER_STATEMENT * 2);
  let i = 0;
  for (; i + PER_STATEMENT <= keys.length; i += PER_STATEMENT) {
    for (let j = 0; j < PER_STATEMENT; j++) {
      values[2 * j] = keys[i + j];
      values[2 * j + 1] = idOf(i + j);
    }
    full.run(...values);
  }
  const rest = keys.length - i;
  if (rest > 0) {
    const tail: number[] = [];
    for (let j = i; j < keys.length; j++) tail.push(keys[j], idOf(j));
    db.prepare(`INSERT INTO "ExampleKey" ("datasetId", "keyHash", "predictionId") VALUES ${Array(rest).fill(`(${datasetId},?,?)`).join(",")}`).run(...tail);
  }
}

/** The prediction ids stored under each of `keys` (several when ids collide or repeat). */
export function predictionsOfKeys(datasetId: number, keys: ArrayLike<number>, db: Database.Database = sharedSqlite()): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const unique = [...new Set(Array.from(keys))];
  for (let at = 0; at < unique.length; at += CHUNK) {
    const chunk = unique.slice(at, at + CHUNK);
    const rows = db.prepare(`SELECT keyHash AS k, predictionId AS p FROM "ExampleKey" WHERE datasetId = ? AND keyHash IN (${chunk.map(() => "?").join(",")})`).raw(true).all(datasetId, ...chunk) as [number, number][];
    for (const [k, p] of rows) {
      const list = out.get(k);
      if (list) list.push(p);
      else out.set(k, [p]);
    }
  }
  return out;
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
  const keys = exampleIds.map((id) => exampleKey(id));
  const candidates = predictionsOfKeys(datasetId, keys, db);
  const stored = exampleIdsOf([...new Set([...candidates.values()].flat())], db);
  const out = new Map<string, number>();
  exampleIds.forEach((id, i) => {
    const found = (candidates.get(keys[i]) ?? []).find((p) => stored.get(p)?.exampleId === id);
    if (found !== undefined) out.set(id, found);
  });
  return out;
}
