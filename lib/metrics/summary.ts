import { averagePrecision, brierScore, rocAuc } from "./ranking";
import type { ScoreTable } from "./score-table";

/** Dataset-level figures shown on every dataset page. `null` where a figure does not exist. */
export interface ScoreSummary {
  positives: number;
  negatives: number;
  scoreMin: number | null;
  scoreMax: number | null;
  rocAuc: number | null;
  averagePrecision: number | null;
  brier: number | null;
}

export function summarize(table: ScoreTable): ScoreSummary {
  const n = table.scores.length;
  return {
    positives: table.totalPositives,
    negatives: table.totalNegatives,
    scoreMin: n ? table.scores[0] : null,
    scoreMax: n ? table.scores[n - 1] : null,
    rocAuc: rocAuc(table),
    averagePrecision: averagePrecision(table),
    brier: brierScore(table),
  };
}
