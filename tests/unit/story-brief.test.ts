import { describe, expect, test } from "vitest";
import { confusionAt } from "@/lib/metrics";
import { briefMarkdown, escapeMarkdown, exampleLine, failureModeFindings, recommendThresholds, storyAt, type Brief } from "@/lib/story";
import { toFormValues, fromFormValues } from "@/app/datasets/[id]/impact/form-values";
import { demoLike, fraudVocabulary, settingsOf } from "./story-fixtures";

function briefAt(threshold: number, saved = {}): Brief {
  const settings = settingsOf({ volume: 8280, vocabulary: fraudVocabulary, ...saved });
  return {
    datasetName: "Fraud [v3] <test>",
    generatedAt: "2026-11-27T09:30:00.000Z",
    settings,
    counts: confusionAt(demoLike, threshold),
    story: storyAt(demoLike, threshold, settings),
    recommendations: recommendThresholds(demoLike, settings),
    falsePositives: [{ row: 12, exampleId: "tx-11", score: 0.95, text: null, details: { merchant_category: "gift_cards", country: "GB" } }],
    falseNegatives: [],
    findings: ["About 111 of the 200 false alarms a day are “gift cards” (139 of the 250 reviewed)."],
  };
}

describe("the brief as Markdown", () => {
  test("the demo at 0.5, word for word", () => {
    expect(briefMarkdown(briefAt(0.5, { costs: { falsePositive: 5, falseNegative: 200 } }))).toBe(
      [
        "# Fraud \\[v3\\] \\<test\\>: threshold 0.50",
        "",
        "_Brief made 2026-11-27 09:30 UTC for 8,280 transactions a day, 3.4% of them fraudulent._",
        "",
        "Every day an average of 200 valid transactions will be flagged as fraudulent and sent for manual review, and an average of 14 fraudulent transactions will be missed. An average of 266 fraudulent transactions will be correctly caught. The expected cost is $3,800 a day. In rates: it misses 5% of fraudulent transactions and flags 2.5% of valid ones (the false negative and false positive rates).",
        "",
        "## Every day, on average",
        "",
        "| Outcome | A day (95% range) |",
        "| --- | ---: |",
        "| All flagged (flagged as fraudulent and sent for manual review) | 466 (442–491) |",
        "| Valid transactions flagged (false alarms) | 200 (182–220) |",
        "| Fraudulent transactions caught | 266 (260–270) |",
        "| Fraudulent transactions missed | 14 (9.7–20) |",
        "| Valid transactions left alone | 7,800 (7,780–7,818) |",
        "",
        "Expected cost: **$3,800 a day**.",
        "",
        "## On the evaluation set",
        "",
        "| Actually | Flagged | Not flagged |",
        "| --- | ---: | ---: |",
        "| Fraudulent | 532 caught | 28 missed |",
        "| Valid | 400 false alarms | 15,600 correctly not flagged |",
        "",
        "## Recommended thresholds",
        "",
        "- **0.30**: Lowest expected cost. An expected cost of $3,200 a day, the least of any threshold.",
        "",
        "## What the review found",
        "",
        "- About 111 of the 200 false alarms a day are “gift cards” (139 of the 250 reviewed).",
        "",
        "## Valid transactions flagged with the highest scores",
        "",
        "- tx-11, score 0.9500 — Merchant category: gift cards, Country: GB, row 12",
        "",
      ].join("\n"),
    );
  });

  test.each([
    ["plain words", "plain words"],
    ["merchant_category", "merchant_category"],
    ["_italic_ and *bold*", "\\_italic\\_ and \\*bold\\*"],
    ["a | b", "a \\| b"],
    ["[link](http://x)", "\\[link\\](http://x)"],
    ["<script>", "\\<script\\>"],
    ["two\nlines", "two lines"],
  ])("escapeMarkdown(%j)", (text, escaped) => expect(escapeMarkdown(text)).toBe(escaped));

  test("an example's line: id, score, text cut at 140 characters, up to 4 columns in words, row", () => {
    expect(exampleLine({ row: 3, exampleId: null, score: 0.12345, text: "x".repeat(200), details: { a: "1", b: null, c: "", d: "4", e: "5", f: "6", g: "7" } })).toBe(
      `Score 0.1235 — “${"x".repeat(139)}…” — A: 1, D: 4, E: 5, F: 6, row 3`,
    );
    expect(exampleLine({ row: 11442, exampleId: null, score: 0.95, text: null, details: { merchant_category: "gift_cards" } })).toBe("Score 0.9500 — Merchant category: gift cards, row 11442");
  });
});

describe("the parameter form", () => {
  test("round-trips settings; percentages are typed as percent", () => {
    const settings = { volume: 8280, period: "week" as const, prevalence: 0.034, vocabulary: fraudVocabulary, costs: { falsePositive: 5, falseNegative: 200, currency: "€" }, reviewCapacity: 500, targets: { fnr: 0.05 } };
    const values = toFormValues(settings);
    expect([values.prevalencePercent, values.targetFnrPercent, values.targetFprPercent]).toEqual(["3.4", "5", ""]);
    expect(fromFormValues(values)).toEqual({ settings, errors: {} });
  });

  test("blank fields are left out; bad ones are left out with a message naming the field as labelled", () => {
    const values = { ...toFormValues({}), volume: "1,000", prevalencePercent: "150", falsePositiveCost: "abc", reviewCapacity: "-3" };
    const labels = { prevalencePercent: "Share of fraudulent transactions in production (%)", falsePositiveCost: "Cost of a false alarm", reviewCapacity: "Review capacity (flagged a day)" };
    expect(fromFormValues(values, { labels })).toEqual({
      settings: { volume: 1000, period: "day" },
      errors: {
        falsePositiveCost: "Cost of a false alarm: “abc” is not a number",
        prevalencePercent: "Share of fraudulent transactions in production must be between 0 and 100%",
        reviewCapacity: "Review capacity (flagged a day) must be 0 or more",
      },
    });
  });

  test("a field typed wrong keeps its saved value: nothing saved is dropped while the user types", () => {
    const previous = { volume: 10000, reviewCapacity: 300, prevalence: 0.02, costs: { falsePositive: 5 } };
    const values = { ...toFormValues(previous), volume: "abc", prevalencePercent: "150", reviewCapacity: "-5" };
    const { settings, errors } = fromFormValues(values, { previous });
    expect(Object.keys(errors).sort()).toEqual(["prevalencePercent", "reviewCapacity", "volume"]);
    expect(settings).toEqual({ volume: 10000, period: "day", prevalence: 0.02, reviewCapacity: 300, costs: { falsePositive: 5 } });
  });
});

describe("failure-mode findings", () => {
  const v = { ...fraudVocabulary, itemSingular: "transaction", itemPlural: "transactions" };
  test("share of the reviewed errors × the daily errors, largest first, three a kind at most", () => {
    // 139 of 250 reviewed false alarms × 200 a day = 111.2; 3 of 10 reviewed misses × 14 a day = 4.2.
    const reviewed = {
      reviewedFp: 250,
      reviewedFn: 10,
      modes: [
        { name: "travel", fp: 60, fn: 0 },
        { name: "gift cards", fp: 139, fn: 3 },
        { name: "electronics", fp: 30, fn: 0 },
        { name: "crypto", fp: 21, fn: 0 },
      ],
    };
    expect(failureModeFindings(reviewed, { falsePositives: 200, falseNegatives: 14 }, v)).toEqual([
      "About 111 of the 200 false alarms a day are “gift cards” (139 of the 250 reviewed).",
      "About 48 of the 200 false alarms a day are “travel” (60 of the 250 reviewed).",
      "About 24 of the 200 false alarms a day are “electronics” (30 of the 250 reviewed).",
      "About 4.2 of the 14 fraudulent transactions missed a day are “gift cards” (3 of the 10 reviewed).",
    ]);
  });

  test.each([
    ["nothing reviewed", { reviewedFp: 0, reviewedFn: 0, modes: [{ name: "x", fp: 0, fn: 0 }] }, { falsePositives: 200, falseNegatives: 14 }],
    ["unknown daily counts", { reviewedFp: 5, reviewedFn: 0, modes: [{ name: "x", fp: 5, fn: 0 }] }, { falsePositives: null, falseNegatives: null }],
  ])("%s: no findings", (_, reviewed, daily) => {
    expect(failureModeFindings(reviewed, daily, v)).toEqual([]);
  });
});
