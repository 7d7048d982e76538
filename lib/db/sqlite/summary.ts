import type Database from "better-sqlite3";
import type { ScoreSummary } from "../../metrics/summary";

/** Stores summary figures computed at `version` (nothing when the dataset moved on); whether it did. */
export function saveSummaryRow(db: Database.Database, id: number, version: number, s: ScoreSummary): boolean {
  const { changes } = db
    .prepare(`UPDATE "Dataset" SET scoreMin = ?, scoreMax = ?, rocAuc = ?, averagePrecision = ?, brier = ?, summaryVersion = ? WHERE id = ? AND version = ?`)
    .run(s.scoreMin, s.scoreMax, s.rocAuc, s.averagePrecision, s.brier, version, id, version);
  return changes > 0;
}
