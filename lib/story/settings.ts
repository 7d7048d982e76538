import { z } from "zod";

/** The period the stakeholder thinks in; a month counts as 30 days. */
export const periodSchema = z.enum(["day", "week", "month"]);
export type Period = z.infer<typeof periodSchema>;

/** Days in each period. */
export const PERIOD_DAYS: Record<Period, number> = { day: 1, week: 7, month: 30 };

const word = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(80, `${what} must be at most 80 characters`);
const money = (what: string) => z.number({ error: `${what} must be a number` }).finite().min(0, `${what} must be 0 or more`);

/** What the items and classes are called in sentences. */
export const vocabularySchema = z.object({
  /** e.g. "transaction" */
  itemSingular: word("item noun (singular)"),
  /** e.g. "transactions" */
  itemPlural: word("item noun (plural)"),
  /** Adjective for the positive class, e.g. "fraudulent". */
  positive: word("positive class name"),
  /** Adjective for the negative class, e.g. "valid". */
  negative: word("negative class name"),
  /** What happens to a flagged item, e.g. "flagged as fraudulent and sent for manual review". */
  flaggedAction: z.string().trim().min(1, "flagged action must not be empty").max(200, "flagged action must be at most 200 characters"),
});
export type Vocabulary = z.infer<typeof vocabularySchema>;

/** Money attached to each outcome, per item. */
export const costsSchema = z.object({
  /** Cost of one false positive (a negative item flagged), e.g. the review time. */
  falsePositive: money("false positive cost"),
  /** Cost of one false negative (a positive item missed), e.g. the average fraud loss. */
  falseNegative: money("false negative cost"),
  /** Value of one true positive (a positive item caught); subtracted from the cost. */
  truePositive: money("true positive value"),
  currency: z.string().trim().max(5, "currency symbol must be at most 5 characters"),
});
export type Costs = z.infer<typeof costsSchema>;

/** Rates the user wants to stay within; each yields a recommended threshold. */
export const targetsSchema = z.object({
  /** Highest acceptable false negative rate (share of positives missed), in [0, 1]. */
  fnr: z.number().min(0, "target false negative rate must be between 0 and 1").max(1, "target false negative rate must be between 0 and 1").nullable(),
  /** Highest acceptable false positive rate (share of negatives flagged), in [0, 1]. */
  fpr: z.number().min(0, "target false positive rate must be between 0 and 1").max(1, "target false positive rate must be between 0 and 1").nullable(),
});

/**
 * The stakeholder settings saved per dataset (and per scenario). Every field is optional: what is
 * missing comes from the dataset (see `resolveSettings`).
 */
export const storySettingsSchema = z
  .object({
    /** Items the model sees per `period`. */
    volume: z.number({ error: "volume must be a number" }).finite().positive("volume must be more than 0").nullable(),
    period: periodSchema,
    /** Positive share in production, overriding the evaluation set's, in [0, 1]. */
    prevalence: z.number({ error: "prevalence must be a number" }).min(0, "prevalence must be between 0 and 1").max(1, "prevalence must be between 0 and 1").nullable(),
    vocabulary: vocabularySchema.partial(),
    costs: costsSchema.partial(),
    /** Flagged items a day the review team can handle; null = unlimited. */
    reviewCapacity: z.number({ error: "review capacity must be a number" }).finite().min(0, "review capacity must be 0 or more").nullable(),
    targets: targetsSchema.partial(),
  })
  .partial()
  .strict();
export type StorySettings = z.infer<typeof storySettingsSchema>;

/** The facts of a dataset the defaults come from (a `DatasetView` fits). */
export interface DatasetFacts {
  /** All rows, labelled or not. */
  rows: number;
  positives: number;
  negatives: number;
  positiveLabel: string;
  negativeLabel: string;
  /** ISO instants of the first and last row, when the dataset has timestamps. */
  timestampMin: string | null;
  timestampMax: string | null;
}

/** Settings with every gap filled, ready for the sentences. */
export interface ResolvedSettings {
  /** Items per `period`, as entered (or derived). */
  volume: number;
  period: Period;
  /** Items per day: volume / days in the period. */
  volumePerDay: number;
  /** Where the volume came from: saved by the user, rows per day of the timestamps, or the row count. */
  volumeSource: "saved" | "timestamps" | "rows";
  /** Positive share used for the daily counts. */
  prevalence: number;
  prevalenceSource: "saved" | "dataset";
  vocabulary: Vocabulary;
  costs: Costs;
  reviewCapacity: number | null;
  targets: { fnr: number | null; fpr: number | null };
}

const DAY_MS = 86_400_000;

/**
 * Rows per day implied by the timestamps: the span between the first and last row plus one mean
 * gap (so 2 days of evenly spaced rows count as 2 days), rounded to a whole item. Null without a
 * time span.
 */
export function volumeFromTimestamps(rows: number, timestampMin: string | null, timestampMax: string | null): number | null {
  if (!timestampMin || !timestampMax || rows < 2) return null;
  const span = Date.parse(timestampMax) - Date.parse(timestampMin);
  if (!Number.isFinite(span) || span <= 0) return null;
  const days = (span * rows) / (rows - 1) / DAY_MS;
  return Math.max(1, Math.round(rows / days));
}

/** A label value as a class name: "fraud" stays, while "1", "true" and "yes" say nothing. */
function className(label: string, fallback: string): string {
  const trimmed = label.trim();
  return trimmed === "" || /^(-?\d+(\.\d+)?|true|false|yes|no|y|n|t|f)$/i.test(trimmed) ? fallback : trimmed;
}

/** The vocabulary a dataset gets before anyone names things: "item(s)", "positive"/"negative" or the labels. */
export function defaultVocabulary(facts: Pick<DatasetFacts, "positiveLabel" | "negativeLabel">): Vocabulary {
  const positive = className(facts.positiveLabel, "positive");
  const negative = className(facts.negativeLabel, "negative");
  return { itemSingular: "item", itemPlural: "items", positive, negative, flaggedAction: `flagged as ${positive}` };
}

/** The saved words over the defaults; an unnamed plural or action follows the words that were named. */
function mergeVocabulary(defaults: Vocabulary, saved: Partial<Vocabulary>): Vocabulary {
  const merged = { ...defaults, ...saved };
  if (saved.itemSingular && !saved.itemPlural) merged.itemPlural = `${saved.itemSingular}s`;
  if (!saved.flaggedAction) merged.flaggedAction = `flagged as ${merged.positive}`;
  return merged;
}

/** Fills every missing setting from the dataset. */
export function resolveSettings(saved: StorySettings, facts: DatasetFacts): ResolvedSettings {
  const period = saved.period ?? "day";
  const fromTimestamps = volumeFromTimestamps(facts.rows, facts.timestampMin, facts.timestampMax);
  let volume: number;
  let volumePerDay: number;
  let volumeSource: ResolvedSettings["volumeSource"];
  if (saved.volume != null) {
    [volume, volumePerDay, volumeSource] = [saved.volume, saved.volume / PERIOD_DAYS[period], "saved"];
  } else if (fromTimestamps != null) {
    [volume, volumePerDay, volumeSource] = [fromTimestamps * PERIOD_DAYS[period], fromTimestamps, "timestamps"];
  } else {
    const rows = Math.max(1, facts.rows);
    [volume, volumePerDay, volumeSource] = [rows, rows / PERIOD_DAYS[period], "rows"];
  }
  const labelled = facts.positives + facts.negatives;
  const prevalenceSaved = saved.prevalence != null;
  return {
    volume,
    period,
    volumePerDay,
    volumeSource,
    prevalence: prevalenceSaved ? (saved.prevalence as number) : labelled ? facts.positives / labelled : 0,
    prevalenceSource: prevalenceSaved ? "saved" : "dataset",
    vocabulary: mergeVocabulary(defaultVocabulary(facts), saved.vocabulary ?? {}),
    costs: { falsePositive: 0, falseNegative: 0, truePositive: 0, currency: "$", ...saved.costs },
    reviewCapacity: saved.reviewCapacity ?? null,
    targets: { fnr: saved.targets?.fnr ?? null, fpr: saved.targets?.fpr ?? null },
  };
}

/** Saved settings from stored JSON: invalid or unknown parts are dropped rather than trusted. */
export function parseStoredSettings(value: unknown): StorySettings {
  const parsed = storySettingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (!value || typeof value !== "object") return {};
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const one = storySettingsSchema.safeParse({ [key]: v });
    if (one.success) Object.assign(kept, one.data);
  }
  return kept as StorySettings;
}

/** A dataset's stakeholder settings: what the user saved and what the story uses (gaps filled). */
export interface StorySettingsView {
  saved: StorySettings;
  resolved: ResolvedSettings;
}

/** The saved settings of a dataset (stored JSON) and the resolved ones, with `overrides` (e.g. a volume from the query string) over the saved. */
export function settingsView(dataset: DatasetFacts & { settings: unknown }, overrides: StorySettings = {}): StorySettingsView {
  const saved = parseStoredSettings(dataset.settings);
  return { saved, resolved: resolveSettings({ ...saved, ...overrides }, dataset) };
}
