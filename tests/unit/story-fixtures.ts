import { cumulate, type CumulativeTable } from "@/lib/metrics";
import { resolveSettings, type ResolvedSettings, type StorySettings } from "@/lib/story";

/** A cumulative table from explicit rows of (score, positives, negatives), ascending scores. */
export function tableOf(rows: [score: number, positives: number, negatives: number][]): CumulativeTable {
  return cumulate({
    scores: Float64Array.from(rows.map((r) => r[0])),
    positives: Float64Array.from(rows.map((r) => r[1])),
    negatives: Float64Array.from(rows.map((r) => r[2])),
    totalPositives: rows.reduce((s, r) => s + r[1], 0),
    totalNegatives: rows.reduce((s, r) => s + r[2], 0),
  });
}

/**
 * The demo's counts in three score groups: 560 fraudulent and 16,000 valid over 2 days; at 0.5, 28
 * missed (5%) and 400 flagged valid (2.5%); at 0.4, 12 more caught and 240 more flagged.
 */
export const demoLike = tableOf([
  [0.2, 16, 15360],
  [0.45, 12, 240],
  [0.7, 532, 400],
]);

export const demoFacts = {
  rows: 16560,
  positives: 560,
  negatives: 16000,
  positiveLabel: "1",
  negativeLabel: "0",
  timestampMin: "2026-11-02T00:00:00.000Z",
  timestampMax: "2026-11-03T23:59:49.566Z",
};

export const fraudVocabulary = {
  itemSingular: "transaction",
  itemPlural: "transactions",
  positive: "fraudulent",
  negative: "valid",
  flaggedAction: "flagged as fraudulent and sent for manual review",
};

/** Demo facts resolved with the given saved settings. */
export const settingsOf = (saved: StorySettings = {}): ResolvedSettings => resolveSettings(saved, demoFacts);
