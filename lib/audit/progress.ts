import type { ReviewPair } from "./agreement";

/** The review fields of an audit item that progress and agreement read (labels 1, 0 or null). */
interface Reviewed {
  label: number | null;
  reviewer: string | null;
  secondLabel: number | null;
  secondReviewer: string | null;
}

/** Who labelled what: first and second reviews per reviewer (null reviewer as ""). */
export interface ReviewerTally {
  reviewer: string;
  first: number;
  second: number;
  /** Of their first reviews, how many were positive. */
  positives: number;
}

const labelled = (x: number | null): x is 0 | 1 => x === 0 || x === 1;

/** Per reviewer, their first and second reviews, the busiest first (most reviews of either kind, then by name). */
export function reviewerTallies(items: readonly Reviewed[]): ReviewerTally[] {
  const by = new Map<string, ReviewerTally>();
  const of = (name: string | null) => {
    const key = name ?? "";
    let t = by.get(key);
    if (!t) by.set(key, (t = { reviewer: key, first: 0, second: 0, positives: 0 }));
    return t;
  };
  for (const item of items) {
    if (labelled(item.label)) {
      const t = of(item.reviewer);
      t.first++;
      t.positives += item.label;
    }
    if (labelled(item.secondLabel)) of(item.secondReviewer).second++;
  }
  return [...by.values()].sort((a, b) => b.first + b.second - (a.first + a.second) || a.reviewer.localeCompare(b.reviewer));
}

/** The items labelled by two reviewers, as pairs for Cohen's κ (first review, second review). */
export function kappaPairs(items: readonly Reviewed[]): ReviewPair[] {
  return items.flatMap((i) => (labelled(i.label) && labelled(i.secondLabel) ? [{ first: i.label, second: i.secondLabel }] : []));
}
