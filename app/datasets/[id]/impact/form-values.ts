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

/** The form's field labels as the user sees them, for messages ("Share of fraudulent transactions in production"). */
export type FieldLabels = Partial<Record<keyof FormValues, string>>;

const PERCENT_FIELDS: (keyof FormValues)[] = ["prevalencePercent", "targetFnrPercent", "targetFprPercent"];

const FIELD_OF_PATH: Record<string, keyof FormValues> = {
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

/**
 * Settings from the form: blank fields are left out (defaults apply). A field that is not a valid
 * value gets a message naming the field as it is labelled, and keeps its value from `previous`
 * (the saved settings), so that nothing saved is lost while the user is still typing.
 */
export function fromFormValues(v: FormValues, options: { labels?: FieldLabels; previous?: StorySettings } = {}): { settings: StorySettings; errors: FormErrors } {
  const errors: FormErrors = {};
  const labelOf = (field: keyof FormValues) => (options.labels?.[field] ?? field).replace(/\s*\(%\)$/, "");
  const num = (field: keyof FormValues, scale = 1): number | undefined => {
    const raw = v[field].trim().replace(/,/g, "");
    if (raw === "") return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      errors[field] = `${labelOf(field)}: “${v[field].trim()}” is not a number`;
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
  let kept: Record<string, unknown> = prune(draft);
  const parsed = storySettingsSchema.safeParse(kept);
  if (parsed.success) kept = parsed.data;
  else {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF_PATH[issue.path.join(".")];
      if (field) {
        const rule = issue.message.replace(/^.*?\bmust\b/, "must");
        errors[field] = `${labelOf(field)} ${PERCENT_FIELDS.includes(field) ? rule.replace(/between 0 and 1$/, "between 0 and 100%") : rule}`;
      }
      kept = removePath(kept, issue.path.map(String));
    }
  }
  // A field with an error keeps its previous value (not the default a blank field would mean).
  for (const [path, field] of Object.entries(FIELD_OF_PATH)) {
    if (!errors[field]) continue;
    const previous = valueAt(options.previous, path.split("."));
    if (previous !== undefined) kept = setPath(kept, path.split("."), previous);
  }
  return { settings: kept as StorySettings, errors };
}

function valueAt(obj: unknown, path: string[]): unknown {
  let at: unknown = obj;
  for (const key of path) at = at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...obj, [head]: value };
  return { ...obj, [head]: setPath((obj[head] as Record<string, unknown>) ?? {}, rest, value) };
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
