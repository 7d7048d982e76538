/**
 * Non-inferiority of B against A with a margin in items a day, e.g. "the int8 model misses at most 1
 * more fraudulent transaction a day than float32 (95% confidence)".
 */

/** What B must not be much worse at: positives missed, or negatives flagged (false alarms). */
export type NonInferiorityMeasure = "missed" | "falseAlarms";

/** Margins M in items a day, per measure; a measure without a margin gets no verdict. */
export type Margins = Partial<Record<NonInferiorityMeasure, number>>;

export interface NonInferiority {
  measure: NonInferiorityMeasure;
  /** M: how many more items a day B may miss (or falsely flag) than A. */
  margin: number;
  /** One-sided 95% upper bound of (B − A) items a day; null when it is unknown. */
  upperBound: number | null;
  /** upperBound ≤ margin: B is worse by at most M a day with 95% confidence; null when unknown. */
  nonInferior: boolean | null;
  /** How the bound was made. */
  method: "paired bootstrap" | "Newcombe hybrid score";
}

/**
 * The verdicts for the margins given: non-inferior when the one-sided 95% upper bound of B − A
 * (items a day) is at most M. `upper` gives that bound per measure.
 */
export function nonInferiorityVerdicts(margins: Margins, upper: Record<NonInferiorityMeasure, number | null>, method: NonInferiority["method"]): NonInferiority[] {
  const verdicts: NonInferiority[] = [];
  for (const measure of ["missed", "falseAlarms"] as const) {
    const margin = margins[measure];
    if (margin === undefined) continue;
    if (!(margin >= 0)) throw new Error(`the non-inferiority margin must be 0 or more, got ${margin}`);
    const upperBound = upper[measure];
    verdicts.push({ measure, margin, upperBound, nonInferior: upperBound === null ? null : upperBound <= margin, method });
  }
  return verdicts;
}
