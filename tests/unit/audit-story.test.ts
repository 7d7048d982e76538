import { describe, expect, test } from "vitest";
import { auditDailyCounts, auditSentences, cohensKappa, countPhrase, drawAudit, rateWithRange, retrainingCsv, retrainingRows, sortedFrame, type AuditEstimate, type ReviewPair } from "../../lib/audit";

const vocabulary = { itemSingular: "transaction", itemPlural: "transactions", positive: "fraudulent", negative: "valid", flaggedAction: "flagged as fraudulent and sent for manual review" };
const fig = (estimate: number | null, lower: number, upper: number) => ({ estimate, lower, upper });

/** An audit of 800 rows from a frame of 16,560 rows over two days (8,280 a day). */
const estimate: AuditEstimate = {
  threshold: 0.5,
  rows: 16_560,
  size: 800,
  labeled: 800,
  flagged: fig(932, 932, 932),
  precision: fig(0.57, 0.49, 0.64),
  recall: fig(0.95, 0.9, 0.98),
  truePositives: fig(532, 480, 580),
  falsePositives: fig(400, 364, 440),
  falseNegatives: fig(28, 12, 62),
};
const settings = { vocabulary, period: "day" as const, frameRowsPerDay: 8_280 };

describe("audit sentences", () => {
  test("the frame's counts become counts a day: × 8,280 / 16,560", () => {
    expect(auditDailyCounts(estimate, 8_280)).toEqual({
      flagged: fig(466, 466, 466),
      falsePositives: fig(200, 182, 220),
      falseNegatives: fig(14, 6, 31),
      truePositives: fig(266, 240, 290),
      labeled: 800,
      size: 800,
    });
  });

  test("what the audit says at the threshold, with ranges, and that the figures are weighted", () => {
    expect(auditSentences(estimate, settings)).toEqual([
      "About 14 (6–31) fraudulent transactions missed a day, estimated from 800 audited transactions.",
      "Every day about 200 (182–220) valid transactions are flagged as fraudulent and sent for manual review, and about 266 (240–290) fraudulent transactions are correctly caught.",
      "Of the flagged transactions, 57% (49–64%) are fraudulent; 95% (90–98%) of the fraudulent transactions are flagged.",
      "Each audited transaction counts for the transactions it was drawn to represent (a stratified sample, more often near the threshold), so these figures are weighted estimates, not counts of the labels; the ranges are 95% intervals.",
    ]);
  });

  test("per week, and part-way through the labelling", () => {
    const [missed] = auditSentences({ ...estimate, labeled: 312 }, { ...settings, period: "week" });
    expect(missed).toBe("About 98 (42–217) fraudulent transactions missed a week, estimated from 312 of 800 audited transactions labelled so far.");
  });

  test.each([
    ["none at all", fig(0, 0, 0), "no fraudulent transactions"],
    ["none found, but the range reaches 20", fig(0, 0, 20.2), "at most 20 fraudulent transactions"],
    ["none found, at most one", fig(0, 0, 1), "at most 1 fraudulent transaction"],
    ["small numbers keep a decimal", fig(0.4, 0, 2.1), "about 0.4 (0–2.1) fraudulent transactions"],
    ["unknown", fig(null, 0, 31), "an unknown number of fraudulent transactions (up to 31)"],
    ["exactly one", fig(1, 1, 1), "about 1 fraudulent transaction"],
  ])("a count a day: %s", (_, perDay, phrase) => {
    expect(countPhrase(perDay, "fraudulent", vocabulary, "day")).toBe(phrase);
  });

  test.each([
    [fig(0.5, 0.5, 0.5), "50%"],
    [fig(0.031, 0.0052, 0.12), "3.1% (0.52–12%)"],
    [fig(null, 0, 1), "unknown"],
  ])("a rate with its range: %o", (f, shown) => {
    expect(rateWithRange(f)).toBe(shown);
  });

  test("before any label the audit says it cannot tell yet", () => {
    expect(auditSentences({ ...estimate, labeled: 0 }, settings)).toEqual(["No audited transactions are labelled yet, so the audit cannot say how many fraudulent transactions are missed."]);
  });
});

describe("Cohen's κ of the doubly reviewed rows", () => {
  const pairs = (table: [number, number, number][]): ReviewPair[] => table.flatMap(([first, second, n]) => Array.from({ length: n }, () => ({ first, second })));

  test("a 2×2 table worked by hand (as scikit-learn's cohen_kappa_score): p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4", () => {
    const a = cohensKappa(pairs([[1, 1, 20], [1, 0, 5], [0, 1, 10], [0, 0, 15]]));
    expect(a.pairs).toBe(50);
    expect(a.agreement).toBeCloseTo(0.7, 15);
    expect(a.chance).toBeCloseTo(0.5, 15);
    expect(a.kappa).toBeCloseTo(0.4, 15);
    // Standard error √(0.7·0.3 / (50·0.5²)) = 0.129615; ± 1.96 of it.
    expect(a.lower).toBeCloseTo(0.14596, 5);
    expect(a.upper).toBeCloseTo(0.65404, 5);
  });

  test.each([
    ["no pairs", [], null],
    ["both reviewers always say negative", [[0, 0, 12]], null],
    ["full agreement", [[1, 1, 3], [0, 0, 9]], 1],
    ["agreement exactly at chance", [[1, 1, 1], [1, 0, 1], [0, 1, 1], [0, 0, 1]], 0],
  ] as [string, [number, number, number][], number | null][])("%s", (_, table, kappa) => {
    expect(cohensKappa(pairs(table)).kappa).toBe(kappa);
  });
});

describe("rows for retraining", () => {
  const scores = Float64Array.from({ length: 1000 }, (_, i) => i / 1000);
  const ids = Array.from({ length: 1000 }, (_, i) => (i === 990 ? "=HYPERLINK(1)" : `tx-${i}`));
  const design = drawAudit(sortedFrame(scores, ids), { size: 100, seed: 8 });
  // Every drawn row labelled but the last 10 in the queue; positive when the score is above 0.9.
  const labels = Uint8Array.from(design.items, (item, i) => (i >= 90 ? 255 : item.score > 0.9 ? 1 : 0));
  const rows = retrainingRows(design, labels);

  test("each labelled row stands for N_h / m_h frame rows, so each stratum's weights add up to its rows", () => {
    expect(rows).toHaveLength(90);
    expect(rows.map((r) => r.id)).toEqual(design.items.slice(0, 90).map((i) => i.id));
    design.strata.forEach((s, h) => {
      const mine = rows.filter((r) => r.stratum === h);
      expect(mine.reduce((sum, r) => sum + r.weight, 0)).toBeCloseTo(s.rows, 9);
      for (const r of mine) expect(r.inclusionProbability).toBe(s.sampled / s.rows);
    });
  });

  test("the CSV uses the dataset's label values and neutralises formula-like ids", () => {
    const csv = retrainingCsv(rows, { positive: "fraud", negative: "ok" });
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("id,label,score,stratum,inclusion_probability,weight");
    // Row 990 is in the top stratum (the 20 highest scores), 8 of them drawn and labelled: π = 0.4, weight 2.5.
    expect(design.strata[6]).toMatchObject({ start: 980, end: 1000, sampled: 8 });
    expect(lines).toContain("'=HYPERLINK(1),fraud,0.99,6,0.4,2.5");
    const plain = rows.find((r) => r.stratum === 0) as (typeof rows)[number];
    expect(lines).toContain(`${plain.id},ok,${plain.score},0,${plain.inclusionProbability},${plain.weight}`);
    expect(lines).toHaveLength(92);
  });
});
