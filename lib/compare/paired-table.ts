/**
 * The paired 2×2 tables of two models' flag decisions on the same examples (flagged = score ≥ the
 * model's threshold), per class, with McNemar's mid-p test and Cohen's κ.
 */
import type { OutcomeCounts } from "../story/daily";
import { mcnemarMidP } from "./binomial";
import type { MatchedRows } from "./matched";

/**
 * The eight cells of a matched row, as a code: label·4 + (A flags it)·2 + (B flags it). Cell counts
 * are a Float64Array(8) indexed by this code.
 */
export const cellOf = (label: number, flaggedByA: boolean, flaggedByB: boolean) => (label << 2) | (flaggedByA ? 2 : 0) | (flaggedByB ? 1 : 0);

/**
 * Counts the rows in each of the eight cells at thresholds tA and tB, in one pass (O(n), a few ms at a
 * million rows). When `codes` is given, codes[i] receives row i's cell (for the per-slice tallies).
 */
export function tallyCells(rows: MatchedRows, thresholdA: number, thresholdB: number, codes?: Uint8Array): Float64Array {
  const { scoresA, scoresB, labels } = rows;
  const counts = new Float64Array(8);
  const n = labels.length;
  if (codes) {
    for (let i = 0; i < n; i++) {
      const cell = (labels[i] << 2) | (+(scoresA[i] >= thresholdA) << 1) | +(scoresB[i] >= thresholdB);
      codes[i] = cell;
      counts[cell]++;
    }
  } else {
    for (let i = 0; i < n; i++) counts[(labels[i] << 2) | (+(scoresA[i] >= thresholdA) << 1) | +(scoresB[i] >= thresholdB)]++;
  }
  return counts;
}

/** The two models' decisions on one class: how many examples each combination of flags got. */
export interface PairedTable {
  /** Flagged by both models. */
  both: number;
  /** Flagged by A, not by B. */
  onlyA: number;
  /** Flagged by B, not by A. */
  onlyB: number;
  /** Flagged by neither. */
  neither: number;
  /** McNemar's mid-p test of onlyA against onlyB (two-sided; 1 without discordant pairs). */
  pValue: number;
}

/** Examples exactly one of the models decides correctly (flags a positive, leaves a negative alone). */
export interface CorrectnessDiscordance {
  /** Right by A, wrong by B: positives only A flags plus negatives only B flags. */
  onlyA: number;
  /** Right by B, wrong by A. */
  onlyB: number;
  /** McNemar's mid-p test of onlyA against onlyB: do the two models make as many errors? */
  pValue: number;
}

/** Agreement of the two models' flag decisions over all matched rows. */
export interface Agreement {
  /** Share of the rows both models decide alike (both flag or neither does); null without rows. */
  share: number | null;
  /**
   * Cohen's κ = (pₒ − pₑ) / (1 − pₑ), pₑ = p_A p_B + (1 − p_A)(1 − p_B) from each model's flag rate,
   * as scikit-learn's cohen_kappa_score; null when pₑ = 1 (both put every row in the same class).
   */
  kappa: number | null;
}

/** Everything the eight cell counts say. */
export interface PairedCounts {
  /** Among the positives. */
  positives: PairedTable;
  /** Among the negatives. */
  negatives: PairedTable;
  /** Model A's confusion matrix on the matched rows. */
  a: OutcomeCounts;
  /** Model B's confusion matrix on the matched rows. */
  b: OutcomeCounts;
  correctness: CorrectnessDiscordance;
  agreement: Agreement;
}

function tableOf(cells: ArrayLike<number>, label: 0 | 1): PairedTable {
  const at = (a: boolean, b: boolean) => cells[cellOf(label, a, b)];
  const onlyA = at(true, false);
  const onlyB = at(false, true);
  return { both: at(true, true), onlyA, onlyB, neither: at(false, false), pValue: mcnemarMidP(onlyA, onlyB) };
}

/** Cohen's κ of two raters' yes/no decisions given the paired counts. */
export function cohenKappa(both: number, onlyA: number, onlyB: number, neither: number): number | null {
  const n = both + onlyA + onlyB + neither;
  if (n === 0) return null;
  const flagA = (both + onlyA) / n;
  const flagB = (both + onlyB) / n;
  const expected = flagA * flagB + (1 - flagA) * (1 - flagB);
  if (expected === 1) return null;
  return ((both + neither) / n - expected) / (1 - expected);
}

/** The paired tables, each model's confusion matrix, the correctness discordance and κ of the cells. */
export function pairedCounts(cells: ArrayLike<number>): PairedCounts {
  const positives = tableOf(cells, 1);
  const negatives = tableOf(cells, 0);
  const rightOnlyA = positives.onlyA + negatives.onlyB;
  const rightOnlyB = positives.onlyB + negatives.onlyA;
  const both = positives.both + negatives.both;
  const onlyA = positives.onlyA + negatives.onlyA;
  const onlyB = positives.onlyB + negatives.onlyB;
  const neither = positives.neither + negatives.neither;
  const n = both + onlyA + onlyB + neither;
  return {
    positives,
    negatives,
    a: { tp: positives.both + positives.onlyA, fp: negatives.both + negatives.onlyA, tn: negatives.neither + negatives.onlyB, fn: positives.neither + positives.onlyB },
    b: { tp: positives.both + positives.onlyB, fp: negatives.both + negatives.onlyB, tn: negatives.neither + negatives.onlyA, fn: positives.neither + positives.onlyA },
    correctness: { onlyA: rightOnlyA, onlyB: rightOnlyB, pValue: mcnemarMidP(rightOnlyA, rightOnlyB) },
    agreement: { share: n ? (both + neither) / n : null, kappa: cohenKappa(both, onlyA, onlyB, neither) },
  };
}
