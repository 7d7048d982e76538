import Database from "better-sqlite3";
import { decodeKeys, decodeSegment, type SegmentKeys, type StoredSegmentColumns } from "@/lib/db/codec";
import type { ScoreSegment } from "@/lib/metrics/segment";

/** Row counts of every table an import writes, read straight from the server's SQLite file. */
export function tableCounts(databaseFile: string): Record<string, number> {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return { datasets: count("Dataset"), predictions: count("Prediction"), segments: count("Segment"), labelChanges: count("LabelChange"), imports: count("Import") };
  } finally {
    db.close();
  }
}

/** Stored predictions of a dataset, in row order. */
export function storedPredictions(databaseFile: string, datasetId: number): Record<string, unknown>[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras" FROM "Prediction" WHERE "datasetId" = ? ORDER BY "row"`).all(datasetId) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** POSTs a CSV body to /api/datasets with the mapping as query parameters. */
export async function postCsv(baseUrl: string, body: string | Uint8Array, params: Record<string, string | string[]> = {}, contentType = "text/csv") {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
  const response = await fetch(`${baseUrl}/api/datasets?${query}`, { method: "POST", headers: { "content-type": contentType }, body: body as BodyInit });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; details?: { row?: number; column?: string; message: string }[] } } };
}

/** A dataset's stored segments, decoded (lib/db/codec.ts), largest first. */
export function storedSegments(databaseFile: string, datasetId: number, sliceColumns = 0): (ScoreSegment & { id: number; revision: number; keys: SegmentKeys | null })[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT id, revision, firstId, offsets, scores, labels, times, slices, keys, keyOffsets FROM "Segment" WHERE "datasetId" = ? ORDER BY rows DESC, id`).all(datasetId) as ({ id: number; revision: number; firstId: number; keys: Uint8Array | null; keyOffsets: Uint8Array | null } & StoredSegmentColumns)[];
    return rows.map((r) => ({ id: r.id, revision: r.revision, ...decodeSegment(r.firstId, r, sliceColumns), keys: decodeKeys(r.keys, r.keyOffsets) }));
  } finally {
    db.close();
  }
}
