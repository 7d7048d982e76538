import { describe, expect, test } from "vitest";
import { buildThresholdGrid, confusionAt } from "@/lib/metrics";
import { costCurve, cutsOf, describeThreshold, recommendationMarkers, recommendThresholds, tableFromGrid } from "@/lib/story";
import { demoLike, fraudVocabulary, settingsOf, tableOf } from "./story-fixtures";

const base = { volume: 8280, vocabulary: fraudVocabulary };

describe("recommended thresholds, exact over the distinct scores", () => {
  test("every distinct flagged set, with the plainest threshold that gives it", () => {
    expect(cutsOf(demoLike, settingsOf(base)).map((c) => [c.threshold, c.daily.flagged])).toEqual([
      [0, 8280],
      [0.3, 592],
      [0.5, 466],
      [0.8, 0],
    ]);
  });

  test("nothing is recommended without costs, capacity or targets", () => {
    expect(recommendThresholds(demoLike, settingsOf(base))).toEqual([]);
  });

  test("lowest cost, most caught within capacity, target miss and false alarm rates", () => {
    const s = settingsOf({ ...base, costs: { falsePositive: 5, falseNegative: 200 }, reviewCapacity: 500, targets: { fnr: 0.03, fpr: 0.03 } });
    expect(recommendThresholds(demoLike, s)).toEqual([
      { kind: "lowest-cost", threshold: 0.3, label: "lowest cost", title: "Lowest expected cost", reason: "An expected cost of $3,200 a day, the least of any threshold." },
      {
        kind: "review-capacity",
        threshold: 0.5,
        label: "fits capacity",
        title: "Most caught within review capacity",
        reason: "Catches 95% of fraudulent transactions while flagging 466 a day (capacity 500).",
      },
      {
        kind: "target-fnr",
        threshold: 0.3,
        label: "≤3% missed",
        title: "Misses at most 3%",
        reason: "Misses 2.9% of fraudulent transactions with the fewest flagged: 592 a day.",
      },
      {
        kind: "target-fpr",
        threshold: 0.5,
        label: "≤3% false alarms",
        title: "At most 3% false alarms",
        reason: "Flags 2.5% of valid transactions and catches 95% of fraudulent ones.",
      },
    ]);
  });

  test.each([
    [600, 0.3],
    [466, 0.5],
    [465, 0.8],
    [0, 0.8],
  ])("capacity %s a day → threshold %s", (capacity, threshold) => {
    const [r] = recommendThresholds(demoLike, settingsOf({ ...base, reviewCapacity: capacity }));
    expect(r.threshold).toBe(threshold);
  });

  test("a net benefit when catches are worth more than they cost", () => {
    const s = settingsOf({ ...base, costs: { falsePositive: 1, falseNegative: 0, truePositive: 100 } });
    expect(recommendThresholds(demoLike, s)[0]).toMatchObject({ threshold: 0.3, reason: "An expected net benefit of $26,880 a day, the largest of any threshold." });
  });

  test("one-class data: no target rate for the absent class; a score of 1 leaves no 'flag nothing' cut", () => {
    const onlyValid = tableOf([[0.1, 0, 90], [1, 0, 10]]);
    const s = settingsOf({ volume: 100, prevalence: 0, targets: { fnr: 0.1, fpr: 0.1 } });
    expect(cutsOf(onlyValid, s).map((c) => c.threshold)).toEqual([0, 0.2]);
    expect(recommendationMarkers(onlyValid, s)).toEqual([{ threshold: 0.2, label: "≤10% false alarms" }]);
  });

  test("the cost curve has the exact cost at each grid threshold", () => {
    const s = settingsOf({ ...base, costs: { falsePositive: 5, falseNegative: 200 } });
    const curve = costCurve(demoLike, s, s.costs, 10);
    expect(curve.map((p) => p.cost)).toEqual([40000, 40000, 40000, 3200, 3200, 3800, 3800, 3800, 56000, 56000, 56000]);
    expect(curve[3].threshold).toBe(0.3);
  });
});

describe("the browser's grid gives the server's numbers", () => {
  test("recommendations and sentences from the grid table equal those from the exact table", () => {
    const rows: [number, number, number][] = [];
    // 400 distinct scores with 7 decimals, every fifth positive.
    for (let i = 0; i < 400; i++) rows.push([((i * 7919) % 1000) / 1000 + i * 1e-7, i % 5 === 0 ? 1 : 0, i % 5 === 0 ? 0 : 1]);
    rows.sort((a, b) => a[0] - b[0]);
    const exact = tableOf(rows);
    const fromGrid = tableFromGrid(buildThresholdGrid(exact));
    const s = settingsOf({ volume: 1000, costs: { falsePositive: 3, falseNegative: 40 }, reviewCapacity: 250, targets: { fnr: 0.1, fpr: 0.2 } });
    const a = recommendThresholds(exact, s);
    const b = recommendThresholds(fromGrid, s);
    expect(b.map((r) => r.reason)).toEqual(a.map((r) => r.reason));
    for (const r of b) expect(confusionAt(exact, r.threshold)).toEqual(confusionAt(fromGrid, r.threshold));
    for (const t of [0, 0.1234, 0.5, 0.9999, 1]) expect(describeThreshold(confusionAt(fromGrid, t), s)).toEqual(describeThreshold(confusionAt(exact, t), s));
  });
});

describe("the fast scans agree with brute force over every cut", () => {
  test.each([1, 2, 3, 4, 5])("random table, seed %i", (seed) => {
    let state = seed;
    const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const rows: [number, number, number][] = [];
    for (let i = 0; i < 300; i++) rows.push([(i + random() * 0.5) / 300, random() < 0.2 ? 1 + Math.floor(random() * 3) : 0, Math.floor(random() * 8)]);
    const table = tableOf(rows);
    const s = settingsOf({ volume: 5000, costs: { falsePositive: 1 + random() * 9, falseNegative: 20 + random() * 200, truePositive: random() * 10 }, reviewCapacity: 500 + random() * 1500 });
    const cuts = cutsOf(table, s);
    const cost = (c: (typeof cuts)[number]) => c.daily.falsePositives! * s.costs.falsePositive + c.daily.falseNegatives! * s.costs.falseNegative - c.daily.truePositives! * s.costs.truePositive;
    const cheapest = Math.min(...cuts.map(cost));
    const fits = cuts.filter((c) => c.daily.flagged! <= s.reviewCapacity! + 1e-9);
    const mostCaught = Math.max(...fits.map((c) => c.tp));
    const fewestFlagged = Math.min(...fits.filter((c) => c.tp === mostCaught).map((c) => c.fp));
    const [lowest, capacity] = recommendThresholds(table, s);
    const at = (t: number) => cuts.find((c) => c.threshold === t)!;
    expect(cost(at(lowest.threshold))).toBeCloseTo(cheapest, 6);
    expect([at(capacity.threshold).tp, at(capacity.threshold).fp]).toEqual([mostCaught, fewestFlagged]);
  });
});
