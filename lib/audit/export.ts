import { toCsv } from "../export/csv";
import type { AuditDesign } from "./types";

/** One labelled row of an audit, ready for retraining with sampling weights. */
export interface RetrainingRow<Id> {
  id: Id;
  /** 1 positive, 0 negative. */
  label: 0 | 1;
  score: number;
  stratum: number;
  /** π = n_h / N_h: the chance the row had of being drawn. */
  inclusionProbability: number;
  /**
   * Frame rows the labelled row stands for: N_h / m_h with m_h the labelled rows of its stratum —
   * 1/π once every drawn row is labelled. Over a stratum the weights add up to its N_h, so a
   * weighted fit sees the frame's mix of scores and labels, not the audit's.
   */
  weight: number;
}

/**
 * The labelled rows of an audit with their sampling weights, in queue order; `labels[i]` is the
 * label of `design.items[i]` (1, 0, anything else not labelled and left out).
 */
export function retrainingRows<Id>(design: AuditDesign<Id>, labels: ArrayLike<number>): RetrainingRow<Id>[] {
  if (labels.length !== design.items.length) throw new Error(`${labels.length} labels for ${design.items.length} audit items`);
  const labelled = design.strata.map(() => 0);
  design.items.forEach((item, i) => {
    if (labels[i] === 0 || labels[i] === 1) labelled[item.stratum]++;
  });
  const rows: RetrainingRow<Id>[] = [];
  design.items.forEach((item, i) => {
    const label = labels[i];
    if (label !== 0 && label !== 1) return;
    const stratum = design.strata[item.stratum];
    rows.push({ id: item.id, label, score: item.score, stratum: item.stratum, inclusionProbability: stratum.sampled / stratum.rows, weight: stratum.rows / labelled[item.stratum] });
  });
  return rows;
}

/**
 * The CSV of `retrainingRows` (through lib/export/csv, which neutralises formula-like cells):
 * `id,label,score,stratum,inclusion_probability,weight`, the label written as the dataset's own
 * value for each class.
 */
export function retrainingCsv<Id extends string | number>(rows: readonly RetrainingRow<Id>[], labelValues: { positive: string; negative: string } = { positive: "1", negative: "0" }): string {
  return toCsv(
    ["id", "label", "score", "stratum", "inclusion_probability", "weight"],
    rows.map((r) => [r.id, r.label === 1 ? labelValues.positive : labelValues.negative, r.score, r.stratum, r.inclusionProbability, r.weight]),
  );
}
