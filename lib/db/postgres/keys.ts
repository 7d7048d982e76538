// Example ids → prediction ids on PostgreSQL: the keys stored in each segment (read once per
// process per segment: they never change), the stored ids to confirm (lib/db/example-keys.ts).
import { cachedByVersion } from "../../cache";
import type { StoredIds } from "../batch-checks";
import { candidateIds, keysOfExamples, matchExampleIds, predictionsOfKeysIn, type SegmentKeysAt } from "../example-keys";
import { listSegments, readSegmentKeys } from "./segments";
import { rowsOf, type Queryable } from "./sql";

async function datasetKeys(datasetId: number, db?: Queryable): Promise<SegmentKeysAt[]> {
  const refs = (await listSegments(datasetId, db)) ?? [];
  const keys = await Promise.all(refs.map((ref) => cachedByVersion("segment-keys", datasetId, 0, () => readSegmentKeys(ref.id, db), { part: String(ref.id), limit: 512 })));
  return keys.filter((k) => k !== null);
}

/** The prediction ids stored under each of `keys` (several when ids collide or repeat). */
export async function predictionsOfKeys(datasetId: number, keys: ArrayLike<number>, db?: Queryable): Promise<Map<number, number[]>> {
  return predictionsOfKeysIn(await datasetKeys(datasetId, db), keys);
}

/** The example id and spreadsheet row of each prediction asked for. */
export async function exampleIdsOf(ids: number[], db?: Queryable): Promise<StoredIds> {
  const out: StoredIds = new Map();
  if (ids.length === 0) return out;
  const rows = await rowsOf<{ id: number; exampleId: string | null; row: number }>(`SELECT "id", "exampleId", "row" FROM "Prediction" WHERE "id" = ANY($1::int[])`, [ids], db);
  for (const r of rows) out.set(r.id, { exampleId: r.exampleId, row: r.row });
  return out;
}

/** The prediction id of each example id the dataset has (ids it does not have are left out). */
export async function predictionIdsOfExamples(datasetId: number, exampleIds: string[], db?: Queryable): Promise<Map<string, number>> {
  const keys = keysOfExamples(exampleIds);
  const candidates = await predictionsOfKeys(datasetId, keys, db);
  return matchExampleIds(exampleIds, keys, candidates, await exampleIdsOf(candidateIds(candidates), db));
}
