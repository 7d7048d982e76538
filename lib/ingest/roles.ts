/**
 * Column role detection from header names and sample values. Pure: the upload page runs it on the
 * file's first chunk to propose a mapping, the server runs it again on what it receives.
 */
import { IngestError, quoteValue } from "./errors";
import { knownCoding } from "./labels";
import type { ColumnMapping, MappingRequest } from "./types";

/** What a sample says about one column. */
interface ColumnProfile {
  name: string;
  /** Lower-case, spaces and dashes as underscores. */
  key: string;
  values: string[];
  distinct: number;
  numeric: boolean;
  inUnitInterval: boolean;
  integers: boolean;
  timeLike: boolean;
  urlLike: boolean;
  imageLike: boolean;
  averageLength: number;
}

const NUMBER = /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;
const TIME_VALUE = /^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}|$)|\d{9,13}(\.\d+)?$)/;
const IMAGE_FILE = /\.(png|jpe?g|gif|webp|bmp|svg|avif)(\?.*)?$/i;

function profile(name: string, index: number, rows: readonly string[][]): ColumnProfile {
  const values = rows.map((r) => (r[index] ?? "").trim()).filter((v) => v !== "");
  const numeric = values.length > 0 && values.every((v) => NUMBER.test(v));
  const numbers = numeric ? values.map(Number) : [];
  return {
    name,
    key: name.trim().toLowerCase().replace(/[\s-]+/g, "_"),
    values,
    distinct: new Set(values).size,
    numeric,
    inUnitInterval: numeric && numbers.every((x) => x >= 0 && x <= 1),
    integers: numeric && numbers.every(Number.isInteger),
    timeLike: values.length > 0 && values.every((v) => TIME_VALUE.test(v)),
    urlLike: values.length > 0 && values.every((v) => /^(https?:\/\/|\/|data:image\/)/i.test(v)),
    imageLike: values.length > 0 && values.every((v) => IMAGE_FILE.test(v) || v.startsWith("data:image/")),
    averageLength: values.length ? values.reduce((s, v) => s + v.length, 0) / values.length : 0,
  };
}

const LABEL_NAMES = /^(label|labels|y|y_true|ytrue|true_label|target|truth|ground_truth|actual|class|outcome|gold|is_[a-z0-9_]+|has_[a-z0-9_]+|[a-z0-9_]+_(label|target|class))$/;
const SCORE_NAMES = /^(score|scores|y_score|y_prob|y_proba|y_pred_proba|proba|prob|probability|confidence|p|prediction|pred|predicted|prob[a-z0-9_]*|pred[a-z0-9_]*|[a-z0-9_]+_(prob|proba|probability|score|confidence))$/;
const ID_NAMES = /^(id|uid|uuid|key|example_id|row_id|[a-z0-9_]+_id|id_[a-z0-9_]+)$/;
const TIME_NAMES = /^(timestamp|time|ts|date|datetime|created|created_at|[a-z0-9_]+_(at|time|date|ts|timestamp))$/;
const TEXT_NAMES = /^(text|message|msg|body|content|sentence|review|comment|description|tweet|input|prompt|title|[a-z0-9_]+_text)$/;
const IMAGE_NAMES = /^(image|img|picture|photo|thumbnail|[a-z0-9_]*(image|img)[a-z0-9_]*)$/;
const SLICE_NAMES = /^(slice|segment|group|cohort|country|region|state|city|category|channel|device|platform|language|lang|gender|source|market|tier|type|[a-z0-9_]+_(category|type|group|segment|region|country))$/;
/** A slice has few distinct values; more than this and it is kept as an extra column. */
export const MAX_DETECTED_SLICE_VALUES = 50;

const isLabelLike = (p: ColumnProfile) => p.distinct <= 2;
const isScoreLike = (p: ColumnProfile) => p.inUnitInterval;

/**
 * The best column: a name match whose values fit, else a column whose values clearly fit, else
 * (when `strict` is false) the first name match anyway, so that row validation can say what is
 * wrong with its values; null when nothing matches.
 */
function pick(free: ColumnProfile[], names: RegExp, fits: (p: ColumnProfile) => boolean, byContent?: (p: ColumnProfile) => boolean, strict = true): ColumnProfile | null {
  return (
    free.find((p) => names.test(p.key) && fits(p)) ??
    (byContent ? free.find((p) => fits(p) && byContent(p)) : undefined) ??
    (strict ? null : free.find((p) => names.test(p.key)) ?? null)
  );
}

/** Auto-detected roles; `label`/`score` are null when nothing fits. */
export interface DetectedMapping extends Omit<ColumnMapping, "label" | "score"> {
  label: string | null;
  score: string | null;
}

/**
 * Proposes a role for every column. Roles in `request` are taken as given (an empty string means
 * "none"); the rest are detected among the columns left over. Does not check that requested
 * columns exist (see `resolveMapping`).
 */
export function detectMapping(columns: readonly string[], rows: readonly string[][], request: MappingRequest = {}): DetectedMapping {
  const profiles = columns.map((name, i) => profile(name, i, rows));
  const given = (v: string | undefined) => (v === undefined ? undefined : v.trim() === "" ? null : v.trim());
  const taken = new Set<string>(
    [request.label, request.score, request.id, request.timestamp, request.text, request.image, ...(request.slice ?? [])].filter((v): v is string => !!v && v.trim() !== "").map((v) => v.trim()),
  );
  const free = () => profiles.filter((p) => !taken.has(p.name));
  const claim = (p: ColumnProfile | null) => {
    if (p) taken.add(p.name);
    return p?.name ?? null;
  };
  const label = given(request.label) !== undefined ? given(request.label)! : claim(pick(free(), LABEL_NAMES, isLabelLike, (p) => p.distinct === 2 && knownCoding(p.values) !== null && p.values.length >= 4, false));
  const score = given(request.score) !== undefined ? given(request.score)! : claim(pick(free(), SCORE_NAMES, isScoreLike, (p) => !p.integers, false));
  const id = given(request.id) !== undefined ? given(request.id)! : claim(pick(free(), ID_NAMES, (p) => p.distinct === p.values.length));
  const timestamp = given(request.timestamp) !== undefined ? given(request.timestamp)! : claim(pick(free(), TIME_NAMES, (p) => p.timeLike, (p) => p.timeLike && !p.numeric, false));
  const image = given(request.image) !== undefined ? given(request.image)! : claim(pick(free(), IMAGE_NAMES, (p) => p.urlLike || p.imageLike || !p.numeric, (p) => p.imageLike));
  const text = given(request.text) !== undefined ? given(request.text)! : claim(pick(free(), TEXT_NAMES, (p) => !p.numeric, (p) => !p.numeric && p.averageLength >= 30 && p.values.some((v) => v.includes(" "))));
  let slices: string[];
  if (request.slice !== undefined) {
    slices = request.slice.map((s) => s.trim()).filter(Boolean);
  } else {
    const lowCardinality = (p: ColumnProfile) => p.distinct >= 1 && p.distinct <= MAX_DETECTED_SLICE_VALUES && p.distinct <= Math.max(2, p.values.length / 4);
    slices = free().filter((p) => lowCardinality(p) && (SLICE_NAMES.test(p.key) || (!p.numeric && p.averageLength <= 40))).map((p) => p.name);
    slices.forEach((s) => taken.add(s));
  }
  const roles = new Set([label, score, id, timestamp, text, image, ...slices].filter(Boolean));
  return { label, score, id, timestamp, text, image, slices, extras: columns.filter((c) => !roles.has(c)), columns: [...columns] };
}

/**
 * The final mapping: detection plus the user's choices, every named column checked against the
 * header. Throws `missing_column` naming what is missing and listing the columns there are.
 */
export function resolveMapping(columns: readonly string[], rows: readonly string[][], request: MappingRequest = {}): ColumnMapping {
  const detected = detectMapping(columns, rows, request);
  const problems: { column: string; message: string }[] = [];
  const have = new Set(columns);
  const shown = columns.slice(0, 20).map((c) => quoteValue(c, 60));
  const list = shown.join(", ") + (columns.length > shown.length ? ` and ${columns.length - shown.length} more` : "");
  for (const [role, column] of [["label", detected.label], ["score", detected.score], ["id", detected.id], ["timestamp", detected.timestamp], ["text", detected.text], ["image", detected.image], ...detected.slices.map((s) => ["slice", s])] as [string, string | null][]) {
    if (column !== null && !have.has(column)) problems.push({ column, message: `the ${role} column ${JSON.stringify(column)} is not in the file` });
  }
  if (detected.label === null) problems.push({ column: "label", message: "no label column found: name it with label=<column>" });
  if (detected.score === null) problems.push({ column: "score", message: "no score column found: name it with score=<column>" });
  if (problems.length) {
    throw new IngestError("missing_column", `${problems[0].message} (the columns are ${list})`, problems);
  }
  return { ...detected, label: detected.label!, score: detected.score! };
}
