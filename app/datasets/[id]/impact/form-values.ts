import { storySettingsSchema, type Period, type StorySettings } from "@/lib/story/settings";

/** The parameter form's fields as typed (strings); percentages are entered as percent. */
export interface FormValues {
  volume: string;
  period: Period;
  prevalencePercent: string;
  itemSingular: string;
  itemPlural: string;
  positive: string;
  negative: string;
  flaggedAction: string;
  falsePositiveCost: string;
  falseNegativeCost: string;
  truePositiveValue: string;
  currency: string;
  reviewCapacity: string;
  targetFnrPercent: string;
  targetFprPercent: string;
}

export type FormErrors = Partial<Record<keyof FormValues, string>>;

const text = (n: number | null | undefined, scale = 1) => (n === null || n === undefined ? "" : String(Number((n * scale).toPrecision(12))));

/** The form's fields for saved settings; empty fields mean "use the default". */
export function toFormValues(s: StorySettings): FormValues {
  return {
    volume: text(s.volume),
    period: s.period ?? "day",
    prevalencePercent: text(s.prevalence, 100),
    itemSingular: s.vocabulary?.itemSingular ?? "",
    itemPlural: s.vocabulary?.itemPlural ?? "",
    positive: s.vocabulary?.positive ?? "",
    negative: s.vocabulary?.negative ?? "",
    flaggedAction: s.vocabulary?.flaggedAction ?? "",
    falsePositiveCost: text(s.costs?.falsePositive),
    falseNegativeCost: text(s.costs?.falseNegative),
    truePositiveValue: text(s.costs?.truePositive),
    currency: s.costs?.currency ?? "",
    reviewCapacity: text(s.reviewCapacity),
    targetFnrPercent: text(s.targets?.fnr, 100),
    targetFprPercent: text(s.targets?.fpr, 100),
  };
}

/**
 * Settings from the form: blank fields are left out (defaults apply); a field that is not a valid
 * value is left out too and gets a message.
 */
export function fromFormValues(v: FormValues): { settings: StorySettings; errors: FormErrors } {
  const errors: FormErrors = {};
  const num = (field: keyof FormValues, scale = 1): number | undefined => {
    const raw = v[field].trim().replace(/,/g, "");
    if (raw === "") return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      errors[field] = `"${v[field]}" is not a number`;
      return undefined;
    }
    return n / scale;
  };
  const word = (field: keyof FormValues) => (v[field].trim() === "" ? undefined : v[field].trim());
  const draft = {
    volume: num("volume"),
    period: v.period,
    prevalence: num("prevalencePercent", 100),
    vocabulary: { itemSingular: word("itemSingular"), itemPlural: word("itemPlural"), positive: word("positive"), negative: word("negative"), flaggedAction: word("flaggedAction") },
    costs: { falsePositive: num("falsePositiveCost"), falseNegative: num("falseNegativeCost"), truePositive: num("truePositiveValue"), currency: word("currency") },
    reviewCapacity: num("reviewCapacity"),
    targets: { fnr: num("targetFnrPercent", 100), fpr: num("targetFprPercent", 100) },
  };
  const settings = prune(draft) as StorySettings;
  const parsed = storySettingsSchema.safeParse(settings);
  if (parsed.success) return { settings: parsed.data, errors };
  const fieldOf: Record<string, keyof FormValues> = {
    volume: "volume",
    prevalence: "prevalencePercent",
    "vocabulary.itemSingular": "itemSingular",
    "vocabulary.itemPlural": "itemPlural",
    "vocabulary.positive": "positive",
    "vocabulary.negative": "negative",
    "vocabulary.flaggedAction": "flaggedAction",
    "costs.falsePositive": "falsePositiveCost",
    "costs.falseNegative": "falseNegativeCost",
    "costs.truePositive": "truePositiveValue",
    "costs.currency": "currency",
    reviewCapacity: "reviewCapacity",
    "targets.fnr": "targetFnrPercent",
    "targets.fpr": "targetFprPercent",
  };
  let kept: Record<string, unknown> = settings;
  for (const issue of parsed.error.issues) {
    const path = issue.path.join(".");
    const field = fieldOf[path];
    if (field) errors[field] = issue.message.replace(/between 0 and 1/, "between 0 and 100%");
    kept = removePath(kept, issue.path.map(String));
  }
  return { settings: kept as StorySettings, errors };
}

/** Drops undefined values and empty objects. */
function prune(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (v && typeof v === "object") {
      const inner = prune(v as Record<string, unknown>);
      if (Object.keys(inner).length) out[k] = inner;
    } else out[k] = v;
  }
  return out;
}

function removePath(obj: Record<string, unknown>, path: string[]): Record<string, unknown> {
  if (path.length === 0) return obj;
  const [head, ...rest] = path;
  if (!(head in obj)) return obj;
  const copy = { ...obj };
  if (rest.length === 0) delete copy[head];
  else copy[head] = removePath(copy[head] as Record<string, unknown>, rest);
  return prune(copy);
}
