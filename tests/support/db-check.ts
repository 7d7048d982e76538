import Database from "better-sqlite3";

/** One dataset of a database file as stored: what it says it holds, and what is there. */
export interface StoredDataset {
  id: number;
  /** Dataset.rowCount. */
  rowCount: number;
  /** Prediction rows of the dataset. */
  predictions: number;
  /** Rows of its segments (the score-sorted columns). */
  segmentRows: number;
  /** Rows its imports and appends say they wrote. */
  importedRows: number;
  /** Imports and appends whose id range does not hold exactly their rows. */
  incompleteBatches: number;
}

/** What a database file holds: SQLite's integrity check and every dataset's counts. */
export interface DatabaseCheck {
  integrity: string;
  datasets: StoredDataset[];
  /** Datasets that predictions, segments or imports name but that do not exist. */
  orphans: number;
}

/**
 * Reads a Cutoff SQLite file (read-only) and counts, per dataset, its rows three ways (Prediction,
 * Segment, Import), and each batch's rows in its id range: a partial import shows as counts that
 * disagree. `PRAGMA integrity_check` checks the file itself.
 */
export function checkDatabase(file: string): DatabaseCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.prepare("PRAGMA integrity_check").pluck().all() as string[]).join("; ");
    const byDataset = (sql: string) => new Map((db.prepare(sql).raw(true).all() as [number, number][]).map(([id, n]) => [id, n]));
    const predictions = byDataset(`SELECT "datasetId", COUNT(*) FROM "Prediction" GROUP BY "datasetId"`);
    const segments = byDataset(`SELECT "datasetId", SUM("rows") FROM "Segment" GROUP BY "datasetId"`);
    const imported = byDataset(`SELECT "datasetId", SUM("rows") FROM "Import" WHERE "kind" IN ('import', 'append') GROUP BY "datasetId"`);
    const incomplete = byDataset(
      `SELECT b."datasetId", COUNT(*) FROM "Import" b WHERE b."kind" IN ('import', 'append') AND b."rows" <>
         (SELECT COUNT(*) FROM "Prediction" p WHERE p."id" BETWEEN b."firstId" AND b."lastId" AND p."datasetId" = b."datasetId") GROUP BY b."datasetId"`,
    );
    const datasets = (db.prepare(`SELECT "id", "rowCount" FROM "Dataset" ORDER BY "id"`).all() as { id: number; rowCount: number }[]).map((d) => ({
      id: d.id,
      rowCount: d.rowCount,
      predictions: predictions.get(d.id) ?? 0,
      segmentRows: segments.get(d.id) ?? 0,
      importedRows: imported.get(d.id) ?? 0,
      incompleteBatches: incomplete.get(d.id) ?? 0,
    }));
    const known = new Set(datasets.map((d) => d.id));
    const orphans = [predictions, segments, imported].reduce((sum, counts) => sum + [...counts.keys()].filter((id) => !known.has(id)).length, 0);
    return { integrity, datasets, orphans };
  } finally {
    db.close();
  }
}

/** The datasets whose counts disagree (a partial import, append or delete). */
export function partialDatasets(check: DatabaseCheck): StoredDataset[] {
  return check.datasets.filter((d) => d.predictions !== d.rowCount || d.segmentRows !== d.rowCount || d.importedRows !== d.rowCount || d.incompleteBatches > 0);
}
