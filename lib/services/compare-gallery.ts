/**
 * The disagreements gallery: the matched examples the two models decide differently at the
 * comparison's thresholds, largest score difference first, as dataset A's examples (with A's tags
 * and notes: tagging one tags A's row) with B's score beside.
 */
import { disagreements, loadForReviews, thresholdForLoadSorted, whereOf, type CompareQuery, type DisagreementFilter } from "../compare";
import { examplesByIds } from "../db/examples";
import { InvalidInputError, NotFoundError } from "../errors";
import type { Example } from "../gallery/types";
import { thresholdOf } from "../models";
import { settingsView } from "../story/settings";
import { storyOverrides } from "../story/query";
import { getPreparedPair } from "./compare-pair";
import { getDataset } from "./datasets";
import { store } from "../db";

/** One disagreement: A's example (score, distance to A's threshold, tags) and B's side. */
export interface Disagreement extends Example {
  /** B's score of the same example. */
  scoreB: number;
  /** B's score minus A's. */
  difference: number;
  /** The model that flags it (the other does not). */
  flaggedBy: "a" | "b";
  /** The example's prediction id in dataset B. */
  predictionIdB: number;
}

export interface DisagreementList {
  total: number;
  thresholdA: number;
  thresholdB: number;
  items: Disagreement[];
}

/** A page of the disagreements between A and B where `query` compares them. */
export async function listDisagreements(query: CompareQuery, filter: DisagreementFilter, limit = 50, offset = 0): Promise<DisagreementList> {
  const [da, pair] = await Promise.all([getDataset(query.a), getPreparedPair(query.a, query.b)]);
  if (!da) throw new NotFoundError(`dataset ${query.a}`);
  if (!pair) throw new NotFoundError(`dataset ${query.b}`);
  if (!pair.joined || !pair.prepared) throw new InvalidInputError("the two datasets share no example id, so no example was decided by both models (an A/B test): there are no disagreements to show", "no_shared_ids");
  const { rows, predictionIdsA, predictionIdsB } = pair.joined;
  const where = whereOf(query);
  let thresholdA: number;
  let thresholdB: number;
  if ("threshold" in where) {
    const facts = da.modelName !== null ? await store().models.get(da.modelName, da.modelVersion ?? "") : null;
    thresholdA = thresholdB = where.threshold ?? thresholdOf(facts);
  } else {
    const volumePerDay = settingsView(da, storyOverrides(query)).resolved.volumePerDay;
    const load = "flagged" in where ? where.flagged : loadForReviews(where.reviews, volumePerDay, rows.labels.length);
    thresholdA = thresholdForLoadSorted(pair.prepared.sortedA, load).threshold;
    thresholdB = thresholdForLoadSorted(pair.prepared.sortedB, load).threshold;
  }
  const page = disagreements(rows, thresholdA, thresholdB, offset, limit, filter);
  const examples = (await examplesByIds(query.a, page.rows.map((i) => predictionIdsA[i]), thresholdA)) ?? [];
  const byId = new Map(examples.map((e) => [e.id, e]));
  const items = page.rows.flatMap((i) => {
    const example = byId.get(predictionIdsA[i]);
    if (!example) return [];
    const scoreB = rows.scoresB[i];
    return [{ ...example, scoreB, difference: scoreB - rows.scoresA[i], flaggedBy: rows.scoresA[i] >= thresholdA ? ("a" as const) : ("b" as const), predictionIdB: predictionIdsB[i] }];
  });
  return { total: page.total, thresholdA, thresholdB, items };
}
