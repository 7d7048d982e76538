/**
 * GET /api/compare and the Compare page: two datasets compared at one threshold or at the same
 * review load, paired by example id when they share ids, as an A/B test when they share none.
 */
import {
  compareAt, compareUnpaired, describeComparison, describeUnpaired, loadForReviews, thresholdForLoadTable, whereOf,
  type CompareQuery, type CompareReport, type ModelNames, type PairedGrid, type UnpairedComparison,
} from "../compare";
import { store, type DatasetView } from "../db";
import { getScoreTable } from "../db/score-index";
import { NotFoundError } from "../errors";
import { confusionAt } from "../metrics";
import { factsOfView, thresholdOf, versionLabel, type ModelFacts } from "../models";
import { dailyCounts, type DailyCounts, type OutcomeCounts, type Traffic } from "../story/daily";
import { storyOverrides } from "../story/query";
import { parseStoredSettings, resolveSettings, type ResolvedSettings, type StorySettings, type Vocabulary } from "../story/settings";
import { compute } from "../workers/compute";
import { getPreparedPair, type PreparedPair } from "./compare-pair";
import { getDataset } from "./datasets";

/** One side of the comparison: the dataset, its model and version, and the version's facts. */
export interface CompareSide {
  id: number;
  name: string;
  modelName: string | null;
  modelVersion: string | null;
  /** How the sentences call it: the version ("int8"), else the model, else the dataset's name. */
  label: string;
  facts: ModelFacts | null;
  /** All rows of the dataset, and those without an example id (never matched). */
  rows: number;
  withoutId: number;
}

interface AnswerBase {
  datasets: { a: CompareSide; b: CompareSide };
  /** Ids in one dataset only: left out. */
  onlyA: number;
  onlyB: number;
  traffic: Traffic;
  vocabulary: Vocabulary;
  /** Flagged items a day the review team can handle (A's settings); null when not set. */
  reviewCapacity: number | null;
  /** How the sentences call A and B, and their sizes (for "4× smaller"). */
  names: ModelNames;
  /** At the same load, the load in reviews a day (K scaled by the volume); null at one threshold. */
  reviewsPerDay: number | null;
  sentences: string[];
}

/** Datasets that share example ids: the paired comparison over the matched rows (all differences B − A). */
export interface PairedAnswer extends AnswerBase, CompareReport {
  kind: "paired";
  /** Matched ids whose labels differ: left out; the first 20 shown with their labels. */
  labelConflicts: number;
  conflictExamples: { exampleId: string | null; labelA: number | null; labelB: number | null }[];
  /** Matched ids labelled in neither dataset: left out. */
  unlabeled: number;
}

/** One arm of an A/B test at its threshold, on all its labelled rows. */
export interface ArmAt extends OutcomeCounts {
  threshold: number;
  rocAuc: number | null;
  flagged: number;
  daily: DailyCounts;
  withinLoad: boolean | null;
}

/** Datasets without a shared id: an A/B test, compared as independent samples (Newcombe, sample-ratio check). */
export interface UnpairedAnswer extends AnswerBase, UnpairedComparison {
  kind: "unpaired";
  matched: 0;
  mode: "threshold" | "load";
  load: number | null;
  thresholdA: number;
  thresholdB: number;
  a: ArmAt;
  b: ArmAt;
}

export type CompareAnswer = PairedAnswer | UnpairedAnswer;

async function sideOf(d: DatasetView, pair: PreparedPair, which: "a" | "b"): Promise<CompareSide> {
  const stored = d.modelName !== null ? await store().models.get(d.modelName, d.modelVersion ?? "") : null;
  return {
    id: d.id, name: d.name, modelName: d.modelName, modelVersion: d.modelVersion, label: versionLabel(d.modelName, d.modelVersion, d.name),
    facts: stored && factsOfView(stored),
    rows: which === "a" ? pair.rowsA : pair.rowsB, withoutId: which === "a" ? pair.withoutIdA : pair.withoutIdB,
  };
}

function namesOf(a: CompareSide, b: CompareSide): ModelNames {
  const same = a.label === b.label;
  return { a: same ? a.name : a.label, b: same ? b.name : b.label, sizeA: a.facts?.sizeMb ?? null, sizeB: b.facts?.sizeMb ?? null };
}

const trafficOf = (s: ResolvedSettings): Traffic => ({ volumePerDay: s.volumePerDay, prevalence: s.prevalence });

/**
 * A's settings (traffic, costs, words) with the query's overrides; when A has named no words yet
 * and B has (the same items scored by another model), B's words.
 */
function settingsFor(a: DatasetView, b: DatasetView, overrides: StorySettings): ResolvedSettings {
  const savedA = parseStoredSettings(a.settings);
  const savedB = parseStoredSettings(b.settings);
  const vocabulary = savedA.vocabulary ?? savedB.vocabulary;
  return resolveSettings({ ...savedA, ...(vocabulary ? { vocabulary } : {}), ...overrides }, a);
}

/**
 * Matched rows from which the report at a threshold or load runs in a compute worker: it takes
 * ~12 ms a million rows here (60–85 ms at 5M held the app's thread), and the hop to a worker ~3 ms.
 */
export const COMPARE_OFF_THREAD_FROM = 2_000_000;

/** The answer and, when paired, the grid the page recomputes from (the API leaves it out). */
export interface CompareResult {
  answer: CompareAnswer;
  grid: PairedGrid | null;
}

/**
 * Compares dataset A with dataset B where the query says (one threshold, default the version's
 * or 0.5; `flagged` matched rows; `reviews` a day), with A's settings for the daily counts and
 * words. Throws NotFoundError for a dataset that does not exist.
 */
export async function compareDatasets(query: CompareQuery): Promise<CompareResult> {
  const [da, db, pair] = await Promise.all([getDataset(query.a), getDataset(query.b), getPreparedPair(query.a, query.b)]);
  if (!da) throw new NotFoundError(`dataset ${query.a}`);
  if (!db || !pair) throw new NotFoundError(`dataset ${query.b}`);
  const [a, b] = await Promise.all([sideOf(da, pair, "a"), sideOf(db, pair, "b")]);
  const settings = settingsFor(da, db, storyOverrides(query));
  const traffic = trafficOf(settings);
  const names = namesOf(a, b);
  const margins = { ...(query.missedMargin !== undefined ? { missed: query.missedMargin } : {}), ...(query.falseAlarmMargin !== undefined ? { falseAlarms: query.falseAlarmMargin } : {}) };
  const where = whereOf(query);
  const base = { datasets: { a, b }, names, onlyA: pair.joined?.onlyA ?? 0, onlyB: pair.joined?.onlyB ?? 0, traffic, vocabulary: settings.vocabulary, reviewCapacity: settings.reviewCapacity };
  if (pair.joined && pair.prepared) {
    const matched = pair.joined.rows.labels.length;
    const point = "flagged" in where ? where : "reviews" in where ? { flagged: loadForReviews(where.reviews, traffic.volumePerDay, matched) } : { threshold: where.threshold ?? thresholdOf(a.facts) };
    const options = { margins, seed: query.seed };
    const report = matched < COMPARE_OFF_THREAD_FROM ? compareAt(pair.prepared, point, traffic, options) : await compute("compareAt", matched, pair.prepared, point, traffic, options);
    const reviewsPerDay = report.load === null ? null : matched ? (report.load / matched) * traffic.volumePerDay : 0;
    const answer: PairedAnswer = {
      kind: "paired", ...base, ...report,
      labelConflicts: pair.joined.labelConflicts, conflictExamples: await conflictsOf(pair), unlabeled: pair.joined.unlabeled,
      reviewsPerDay, sentences: describeComparison(report, { vocabulary: settings.vocabulary, volumePerDay: traffic.volumePerDay }, names),
    };
    return { answer, grid: pair.grid };
  }
  return { answer: await unpairedAnswer(query, pair, base, settings, names, margins, a), grid: null };
}

async function conflictsOf(pair: PreparedPair) {
  const shown = pair.joined?.conflictExamples ?? [];
  if (shown.length === 0) return [];
  const [recordsA, recordsB] = await Promise.all([store().rows.byIds(pair.a, shown.map((c) => c.a)), store().rows.byIds(pair.b, shown.map((c) => c.b))]);
  const byIdA = new Map(recordsA.map((r) => [r.id, r]));
  const byIdB = new Map(recordsB.map((r) => [r.id, r]));
  return shown.map((c) => ({ exampleId: byIdA.get(c.a)?.exampleId ?? null, labelA: byIdA.get(c.a)?.label ?? null, labelB: byIdB.get(c.b)?.label ?? null }));
}

async function unpairedAnswer(query: CompareQuery, pair: PreparedPair, base: Omit<AnswerBase, "reviewsPerDay" | "sentences">, settings: ResolvedSettings, names: ModelNames, margins: { missed?: number; falseAlarms?: number }, a: CompareSide): Promise<UnpairedAnswer> {
  const [tableA, tableB, da, db] = await Promise.all([getScoreTable(pair.a), getScoreTable(pair.b), getDataset(pair.a), getDataset(pair.b)]);
  if (!tableA || !tableB || !da || !db) throw new NotFoundError(`dataset ${tableA ? pair.b : pair.a}`);
  const traffic = base.traffic;
  const where = whereOf(query);
  const fixed = "threshold" in where ? (where.threshold ?? thresholdOf(a.facts)) : null;
  const armAt = (table: typeof tableA, rocAuc: number | null): ArmAt => {
    const labelled = table.totalPositives + table.totalNegatives;
    const load = "flagged" in where ? where.flagged : "reviews" in where ? loadForReviews(where.reviews, traffic.volumePerDay, labelled) : null;
    const at = load === null || fixed !== null ? { threshold: fixed ?? 0.5, withinLoad: null } : thresholdForLoadTable(table, load);
    const { threshold: _t, ...c } = confusionAt(table, at.threshold);
    return { threshold: at.threshold, ...c, rocAuc, flagged: c.tp + c.fp, daily: dailyCounts(c, traffic), withinLoad: at.withinLoad };
  };
  const armA = armAt(tableA, da.rocAuc);
  const armB = armAt(tableB, db.rocAuc);
  const comparison = compareUnpaired(armA, armB, traffic, { intendedShareA: query.split, margins });
  const load = "flagged" in where ? where.flagged : null;
  return {
    kind: "unpaired", ...base, ...comparison, matched: 0, mode: "threshold" in where ? "threshold" : "load", load, thresholdA: armA.threshold, thresholdB: armB.threshold, a: armA, b: armB,
    reviewsPerDay: "reviews" in where ? where.reviews : null,
    sentences: describeUnpaired(comparison, settings.vocabulary, names),
  };
}
