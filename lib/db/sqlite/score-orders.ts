import type Database from "better-sqlite3";
import { buildScoreOrder, type ScoreOrder, type ScoreTable } from "../../metrics";
import { UNLABELED } from "../../ingest/types";
import { toBytes, toFloat64, toUint32 } from "./blobs";
import { readScoreTable } from "./score-tables";
import { sharedSqlite } from "./connection";

/** A dataset's rows in score order, with the rowid range its rows occupy. */
export interface StoredScoreOrder extends ScoreOrder {
  firstId: number;
  lastId: number;
}

/**
 * Stores (or replaces) a dataset's score order, its ids given as offsets from `firstId` (the
 * dataset's rows have ids firstId…lastId). Compactly: the offsets as 32-bit integers, and the
 * scores only when some row has no label (otherwise they are the dataset's score table, expanded:
 * see readScoreOrder).
 */
export function saveScoreOrder(db: Database.Database, datasetId: number, order: ScoreOrder, firstId: number, lastId: number): void {
  if (lastId - firstId >= 2 ** 32) throw new Error(`dataset ${datasetId} spans more than 2^32 ids`);
  const everyRowLabelled = order.labels.every((label) => label === 0 || label === 1);
  db.prepare(`INSERT OR REPLACE INTO "ScoreOrder" (datasetId, firstId, lastId, ids, scores, labels) VALUES (?, ?, ?, ?, ?, ?)`).run(
    datasetId, firstId, lastId, toBytes(new Uint32Array(order.ids)), everyRowLabelled ? null : toBytes(order.scores), toBytes(order.labels),
  );
}

/** Every row's score, ascending, from a score table of the same rows (each distinct score repeated as often as it occurs). */
function expandScores(table: ScoreTable, rows: number): Float64Array | null {
  if (table.totalPositives + table.totalNegatives !== rows) return null;
  const scores = new Float64Array(rows);
  for (let i = 0, at = 0; i < table.scores.length; i++) {
    const score = table.scores[i];
    for (let end = at + table.positives[i] + table.negatives[i]; at < end; at++) scores[at] = score;
  }
  return scores;
}

/** The stored score order, or null when there is none (or it does not fit the score table). */
function readScoreOrder(datasetId: number, table?: ScoreTable): StoredScoreOrder | null {
  const db = sharedSqlite();
  const row = db.prepare(`SELECT firstId, lastId, ids, scores, labels FROM "ScoreOrder" WHERE datasetId = ?`).get(datasetId) as
    | { firstId: number; lastId: number; ids: Uint8Array; scores: Uint8Array | null; labels: Uint8Array }
    | undefined;
  if (!row) return null;
  const offsets = toUint32(row.ids);
  const ids = new Float64Array(offsets.length);
  for (let i = 0; i < ids.length; i++) ids[i] = row.firstId + offsets[i];
  const stored = row.scores ? null : (table ?? readScoreTable(datasetId));
  const scores = row.scores ? toFloat64(row.scores) : stored ? expandScores(stored, ids.length) : null;
  if (!scores) return null;
  return { firstId: row.firstId, lastId: row.lastId, ids, scores, labels: Uint8Array.from(row.labels) };
}

/** Builds the score order from the stored rows (datasets imported before score orders existed). */
function rebuildScoreOrder(datasetId: number): StoredScoreOrder | null {
  const db = sharedSqlite();
  const exists = db.prepare(`SELECT 1 FROM "Dataset" WHERE id = ?`).get(datasetId);
  if (!exists) return null;
  const rows = db.prepare(`SELECT "id", "score", "label" FROM "Prediction" WHERE "datasetId" = ? ORDER BY "id"`).raw(true).all(datasetId) as [number, number, number | null][];
  const firstId = rows[0]?.[0] ?? 0;
  const lastId = rows.at(-1)?.[0] ?? 0;
  const offsets = new Float64Array(rows.length);
  const scores = new Float64Array(rows.length);
  const labels = new Uint8Array(rows.length);
  rows.forEach(([id, score, label], i) => {
    offsets[i] = id - firstId;
    scores[i] = score;
    labels[i] = label ?? UNLABELED;
  });
  const order = buildScoreOrder(scores, labels, offsets);
  try {
    saveScoreOrder(db, datasetId, order, firstId, lastId);
  } catch {
    // busy (an import holds the write lock): serve it from memory, store it another time
  }
  for (let i = 0; i < order.ids.length; i++) order.ids[i] += firstId;
  return { ...order, firstId, lastId };
}

/**
 * A dataset's rows in score order: the stored order, or (datasets imported before score orders
 * existed) one built from the rows and stored. `null` when the dataset does not exist. Whoever
 * changes labels or appends rows must replace the stored "ScoreOrder" row in the same transaction.
 */
export function scoreOrderOf(datasetId: number, table?: ScoreTable): StoredScoreOrder | null {
  return readScoreOrder(datasetId, table) ?? rebuildScoreOrder(datasetId);
}

/**
 * SQL for "every row of this dataset" that reads the dataset's rowid range instead of walking an
 * index (an index on example ids in random order would make each row a random read). Use with
 * `FROM "Prediction" NOT INDEXED WHERE ${rows.where}`. `null` when the dataset does not exist.
 */
export function datasetRows(datasetId: number): { where: string; params: number[] } | null {
  const stored = (sharedSqlite().prepare(`SELECT firstId, lastId FROM "ScoreOrder" WHERE datasetId = ?`).get(datasetId) as { firstId: number; lastId: number } | undefined) ?? scoreOrderOf(datasetId);
  if (!stored) return null;
  return { where: `"datasetId" = ? AND "id" BETWEEN ? AND ?`, params: [datasetId, stored.firstId, stored.lastId] };
}
