import { confusionAt, type ConfusionMatrix, type CountTable } from "../metrics";
import { dailyCounts, parseStoredSettings, resolveSettings, type DailyCounts, type DatasetFacts, type Vocabulary } from "../story";

/** A dataset's errors at one threshold, counted in the evaluation set and per day in production. */
export interface ErrorsAt {
  matrix: ConfusionMatrix;
  /** Average items a day in each outcome (lib/story's dailyCounts with the dataset's settings). */
  daily: DailyCounts;
  /** What the items and classes are called (dataset settings, else defaults). */
  vocabulary: Vocabulary;
}

/** The confusion matrix and the daily counts of a dataset (its facts and saved settings) at a threshold. */
export function errorsAt(dataset: DatasetFacts & { settings: unknown }, table: CountTable, threshold: number): ErrorsAt {
  const settings = resolveSettings(parseStoredSettings(dataset.settings), dataset);
  const matrix = confusionAt(table, threshold);
  return { matrix, daily: dailyCounts(matrix, settings), vocabulary: settings.vocabulary };
}

/**
 * Scales part of the errors to a day: `part` of the `whole` errors of a kind, given `perDay`
 * such errors a day. 0 of 0 is 0; null when the daily count is unknown.
 */
export function dailyShare(part: number, whole: number, perDay: number | null): number | null {
  if (perDay === null) return null;
  if (whole === 0) return 0;
  return (part / whole) * perDay;
}
