/** Agreement of two reviewers on the rows of an audit that both labelled. */

/** The two labels (1 positive, 0 negative) one row got from its two reviewers. */
export interface ReviewPair {
  first: number;
  second: number;
}

export interface Agreement {
  /** Rows labelled by both reviewers. */
  pairs: number;
  /** Share of those rows on which they agree (p_o). */
  agreement: number;
  /** Agreement expected by chance from each reviewer's own positive share (p_e). */
  chance: number;
  /**
   * Cohen's κ = (p_o − p_e) / (1 − p_e) (Cohen 1960, "A coefficient of agreement for nominal
   * scales"; as scikit-learn's `cohen_kappa_score`): 1 full agreement, 0 no better than chance.
   * Null when chance agreement is 1 (both reviewers gave one label to every row) or no pairs.
   */
  kappa: number | null;
  /** 95% interval of κ from Cohen's large-sample standard error √(p_o(1 − p_o) / (n (1 − p_e)²)), within [−1, 1]. */
  lower: number | null;
  upper: number | null;
}

/**
 * Cohen's κ of the doubly reviewed rows. The rows are the audit's (a stratified sample), counted
 * unweighted: κ says how far the reviewers agree on the rows they saw, not on the whole frame.
 */
export function cohensKappa(pairs: readonly ReviewPair[]): Agreement {
  const n = pairs.length;
  if (n === 0) return { pairs: 0, agreement: 0, chance: 0, kappa: null, lower: null, upper: null };
  let same = 0;
  let firstPositive = 0;
  let secondPositive = 0;
  for (const { first, second } of pairs) {
    if (first === second) same++;
    firstPositive += first === 1 ? 1 : 0;
    secondPositive += second === 1 ? 1 : 0;
  }
  const po = same / n;
  const [p1, p2] = [firstPositive / n, secondPositive / n];
  const pe = p1 * p2 + (1 - p1) * (1 - p2);
  if (pe >= 1) return { pairs: n, agreement: po, chance: pe, kappa: null, lower: null, upper: null };
  const kappa = (po - pe) / (1 - pe);
  const se = Math.sqrt((po * (1 - po)) / (n * (1 - pe) ** 2));
  return { pairs: n, agreement: po, chance: pe, kappa, lower: Math.max(-1, kappa - 1.959963984540054 * se), upper: Math.min(1, kappa + 1.959963984540054 * se) };
}
