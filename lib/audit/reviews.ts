/**
 * What a label sent for an audit item does: a first review (also written on the row: one truth
 * per row), the second review of a doubly reviewed item (kept for Cohen's κ only), a correction,
 * or an undo. Pure: the service reads the items, asks this, then writes the rows and the items.
 */

/** The review fields of an item (labels 1, 0 or null; instants in epoch ms). */
export interface ReviewState {
  doubleReview: boolean;
  label: number | null;
  reviewer: string | null;
  labeledAt: number | null;
  secondLabel: number | null;
  secondReviewer: string | null;
  secondLabeledAt: number | null;
}

/** A label sent by a reviewer at a time; null takes the reviewer's own label back (undo). */
export interface ReviewInput {
  label: 0 | 1 | null;
  reviewer: string | null;
  at: number;
}

export type ReviewKind = "first" | "second" | "correction" | "undo" | "undo-second" | "unchanged";

export interface ReviewOutcome {
  kind: ReviewKind;
  /** The item's review fields afterwards. */
  next: Omit<ReviewState, "doubleReview">;
  /** The row's new label (undefined: the row is left as it is). */
  rowLabel?: 0 | 1 | null;
}

const fieldsOf = ({ doubleReview: _ignored, ...rest }: ReviewState) => rest;

/**
 * The outcome of `input` on an item:
 * - no first label yet → the first review, written on the row;
 * - a label from the first reviewer → a correction of the first review (the row follows);
 * - a label from anyone else on a doubly reviewed item whose second review is free or theirs →
 *   the second review (the row keeps the first);
 * - a label from anyone else otherwise → a correction by them (they become its reviewer);
 * - null from the second reviewer → the second review is taken back;
 * - null from the first reviewer → the first review is taken back: the second, if any, becomes
 *   the first (and the row's label), else the row is not labelled again;
 * - null from anyone else → nothing changes.
 */
export function applyReview(item: ReviewState, input: ReviewInput): ReviewOutcome {
  const current = fieldsOf(item);
  const { label, reviewer, at } = input;
  const hasFirst = item.label === 0 || item.label === 1;
  const hasSecond = item.secondLabel === 0 || item.secondLabel === 1;
  if (label !== null) {
    if (!hasFirst) return { kind: "first", next: { ...current, label, reviewer, labeledAt: at }, rowLabel: label };
    const secondFree = !hasSecond || item.secondReviewer === reviewer;
    if (reviewer !== item.reviewer && item.doubleReview && secondFree) return { kind: "second", next: { ...current, secondLabel: label, secondReviewer: reviewer, secondLabeledAt: at } };
    return { kind: "correction", next: { ...current, label, reviewer, labeledAt: at }, rowLabel: label };
  }
  if (hasSecond && reviewer === item.secondReviewer) return { kind: "undo-second", next: { ...current, secondLabel: null, secondReviewer: null, secondLabeledAt: null } };
  if (!hasFirst || reviewer !== item.reviewer) return { kind: "unchanged", next: current };
  const promoted = hasSecond
    ? { label: item.secondLabel, reviewer: item.secondReviewer, labeledAt: item.secondLabeledAt }
    : { label: null, reviewer: null, labeledAt: null };
  return { kind: "undo", next: { ...promoted, secondLabel: null, secondReviewer: null, secondLabeledAt: null }, rowLabel: (promoted.label as 0 | 1 | null) };
}
