import { describe, expect, test } from "vitest";
import { applyReview, kappaPairs, reviewerTallies, type ReviewState } from "@/lib/audit";

const fresh: ReviewState = { doubleReview: false, label: null, reviewer: null, labeledAt: null, secondLabel: null, secondReviewer: null, secondLabeledAt: null };
const byAnn: ReviewState = { ...fresh, label: 1, reviewer: "ann", labeledAt: 10 };
const doubleByAnn: ReviewState = { ...byAnn, doubleReview: true };
const doubleBoth: ReviewState = { ...doubleByAnn, secondLabel: 0, secondReviewer: "bob", secondLabeledAt: 20 };

describe("what a label does to an audit item", () => {
  test.each([
    ["a first review: on the item and the row", fresh, 0, "ann", "first", { label: 0, reviewer: "ann", labeledAt: 99 }, 0],
    ["the first reviewer changes their mind: the row follows", byAnn, 0, "ann", "correction", { label: 0, reviewer: "ann", labeledAt: 99 }, 0],
    ["someone else on a single review: a correction by them", byAnn, 0, "bob", "correction", { label: 0, reviewer: "bob", labeledAt: 99 }, 0],
    ["someone else on a double review: the second review, the row keeps the first", doubleByAnn, 0, "bob", "second", { label: 1, secondLabel: 0, secondReviewer: "bob", secondLabeledAt: 99 }, undefined],
    ["the second reviewer changes their mind", doubleBoth, 1, "bob", "second", { label: 1, secondLabel: 1, secondReviewer: "bob", secondLabeledAt: 99 }, undefined],
    ["a third person on a fully reviewed double: a correction of the first", doubleBoth, 0, "cy", "correction", { label: 0, reviewer: "cy", secondLabel: 0, secondReviewer: "bob" }, 0],
    ["undo by the first reviewer: the row is not labelled again", byAnn, null, "ann", "undo", { label: null, reviewer: null, labeledAt: null }, null],
    ["undo by the first reviewer of a double: the second review becomes the first", doubleBoth, null, "ann", "undo", { label: 0, reviewer: "bob", labeledAt: 20, secondLabel: null, secondReviewer: null }, 0],
    ["undo by the second reviewer: the first stays, the row too", doubleBoth, null, "bob", "undo-second", { label: 1, reviewer: "ann", secondLabel: null, secondReviewer: null, secondLabeledAt: null }, undefined],
    ["undo by someone who gave no label: nothing changes", byAnn, null, "bob", "unchanged", { label: 1, reviewer: "ann", labeledAt: 10 }, undefined],
    ["undo of an item without labels: nothing changes", fresh, null, "ann", "unchanged", { label: null }, undefined],
  ] as const)("%s", (_, item, label, reviewer, kind, next, rowLabel) => {
    const outcome = applyReview(item, { label, reviewer, at: 99 });
    expect(outcome.kind).toBe(kind);
    expect(outcome.next).toMatchObject(next);
    expect(outcome.rowLabel).toBe(rowLabel);
  });
});

describe("progress and agreement", () => {
  const items = [
    { label: 1, reviewer: "ann", secondLabel: 1, secondReviewer: "bob" },
    { label: 0, reviewer: "ann", secondLabel: 1, secondReviewer: "bob" },
    { label: 0, reviewer: "bob", secondLabel: null, secondReviewer: null },
    { label: 1, reviewer: null, secondLabel: null, secondReviewer: null },
    { label: null, reviewer: null, secondLabel: null, secondReviewer: null },
  ];
  test("who labelled what: first and second reviews, the busiest first", () => {
    expect(reviewerTallies(items)).toEqual([
      { reviewer: "bob", first: 1, second: 2, positives: 0 },
      { reviewer: "ann", first: 2, second: 0, positives: 1 },
      { reviewer: "", first: 1, second: 0, positives: 1 },
    ]);
  });
  test("pairs for κ: only items with both reviews", () => {
    expect(kappaPairs(items)).toEqual([{ first: 1, second: 1 }, { first: 0, second: 1 }]);
  });
});
