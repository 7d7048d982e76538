import { describe, expect, test } from "vitest";
import { DEFAULT_DRIFT_RULE, driftReference, periodDrift, prepareTable, type PeriodTable } from "@/lib/monitoring";
import { fourDecimalSampler, fullPrecisionSample, resample, seededRandom } from "./monitoring-fixtures";

/**
 * The drift rule (p < 0.001 on the asymptotic KS test AND D >= 0.02, see lib/monitoring/drift.ts)
 * on seeded simulations of a fraud-like model (tests/unit/monitoring-fixtures.ts: 3.4% positive,
 * negatives' scores with mean ≈ 0.11 like fraud-production-4-weeks.csv). Each cell draws a fresh
 * reference, then its periods. Rates measured on this code are in the comments (MEASURE=1 prints them).
 */

interface Tally {
  periods: number;
  /** The rule: p < 0.001 and D >= 0.02. */
  rule: number;
  /** A bare p < 0.05. */
  p05: number;
  /** A bare PSI > 0.1. */
  psi01: number;
}

function tally(reference: PeriodTable, periods: number, draw: () => PeriodTable): Tally {
  const ref = driftReference(prepareTable(reference));
  const t: Tally = { periods, rule: 0, p05: 0, psi01: 0 };
  for (let k = 0; k < periods; k++) {
    const d = periodDrift(ref, prepareTable(draw()));
    if (d.drift) t.rule++;
    if ((d.ksPValue as number) < 0.05) t.p05++;
    if ((d.psi as number) > 0.1) t.psi01++;
  }
  return t;
}

const sum = (ts: Tally[], key: keyof Tally) => ts.reduce((s, t) => s + t[key], 0);

describe("false alarms: periods drawn from the reference's own distribution", () => {
  const noShift = fourDecimalSampler(0);
  // [period rows, periods]: 2,240 periods over both reference sizes.
  const sizes = [[200, 400], [1_000, 400], [5_000, 200], [20_000, 100], [200_000, 20]] as const;
  const tallies = new Map<string, Tally>();

  // Measured alarms of the rule: 0 in all 2,240 periods (each cell 0/periods).
  // On the same periods a bare p < 0.05 alarms on 108 (4.8%: 16, 21, 10, 3, 0 and 18, 23, 10, 6, 1
  // by size), every few weeks on a daily chart; a bare PSI > 0.1 on 17 of the 800 200-row periods
  // (2.1%) and never from 1,000 rows: PSI's noise shrinks with size, so it alarms on small periods.
  describe.each([16_560, 500_000])("4-decimal scores, reference of %s rows", (referenceRows) => {
    test.each(sizes)("%s-row periods (%s of them): at most 1% raise an alarm", (rows, periods) => {
      const random = seededRandom(referenceRows + rows);
      const t = tally(noShift(referenceRows, random), periods, () => noShift(rows, random));
      tallies.set(`${referenceRows}/${rows}`, t);
      expect(t.rule).toBeLessThanOrEqual(periods * 0.01);
    });
  });

  test("over all 2,240 periods at most 1% alarm, while a bare p < 0.05 or PSI > 0.1 would not pass", () => {
    const all = [...tallies.values()];
    if (process.env.MEASURE) console.log([...tallies].map(([k, t]) => `${k}: rule ${t.rule} p05 ${t.p05} psi ${t.psi01} / ${t.periods}`).join("\n"));
    expect(sum(all, "periods")).toBe(2240);
    expect(sum(all, "rule") / 2240).toBeLessThanOrEqual(0.01);
    expect(sum(all, "p05") / 2240).toBeGreaterThan(0.02);
    const small = [tallies.get("16560/200"), tallies.get("500000/200")] as Tally[];
    expect(sum(small, "psi01") / sum(small, "periods")).toBeGreaterThan(0.01);
  });

  // Measured: 0/300, 0/200, 0/50 (a bare p < 0.05: 14/300, 13/200, 0/50).
  test.each([[200, 300], [2_000, 200], [20_000, 50]] as const)(
    "full-precision scores (no ties), reference of 16,560 rows, %s-row periods (%s): at most 1% alarm",
    (rows, periods) => {
      const random = seededRandom(rows);
      const t = tally(fullPrecisionSample(16_560, random), periods, () => fullPrecisionSample(rows, random));
      if (process.env.MEASURE) console.log(`full ${rows}: rule ${t.rule} p05 ${t.p05} / ${periods}`);
      expect(t.rule).toBeLessThanOrEqual(periods * 0.01);
    },
  );

  // Rows resampled from the reference table itself (a bootstrap): measured 1/300, 0/100, 0/20.
  test.each([[200, 300], [5_000, 100], [200_000, 20]] as const)("rows resampled from a 16,560-row reference, %s-row periods (%s): at most 1% alarm", (rows, periods) => {
    const random = seededRandom(3 * rows);
    const reference = noShift(16_560, random);
    const t = tally(reference, periods, () => resample(reference, rows, random));
    if (process.env.MEASURE) console.log(`bootstrap ${rows}: rule ${t.rule} p05 ${t.p05} / ${periods}`);
    expect(t.rule).toBeLessThanOrEqual(periods * 0.01);
  });
});

describe("detection: negatives' scores move up, reference of 16,560 rows", () => {
  // +0.03 moves D to about 0.16 (PSI ≈ 0.77); +0.01 to about 0.055 (PSI ≈ 0.04, under the usual 0.1).
  // Measured detection rates: +0.03: 100% from 200 rows; +0.01: 35% at 1,000 rows, 100% from 5,000.
  test.each([
    [0.03, 200, 100, 0.95],
    [0.03, 1_000, 100, 1],
    [0.03, 5_000, 50, 1],
    [0.01, 1_000, 100, 0.2],
    [0.01, 5_000, 100, 1],
    [0.01, 20_000, 50, 1],
  ] as const)("a +%s shift in %s-row periods (%s of them) is caught in at least %s of them", (shift, rows, periods, rate) => {
    const random = seededRandom(Math.round(shift * 1000) + rows);
    const shifted = fourDecimalSampler(shift);
    const t = tally(fourDecimalSampler(0)(16_560, random), periods, () => shifted(rows, random));
    if (process.env.MEASURE) console.log(`shift ${shift} rows ${rows}: ${t.rule}/${periods}`);
    expect(t.rule / periods).toBeGreaterThanOrEqual(rate);
  });

  test("full-precision scores: a +0.03 shift in 1,000-row periods is caught every time (20 of 20)", () => {
    const random = seededRandom(99);
    const t = tally(fullPrecisionSample(16_560, random), 20, () => fullPrecisionSample(1_000, random, 0.03));
    expect(t.rule).toBe(20);
  });

  test("the rule's defaults are the ones these rates were measured with", () => expect(DEFAULT_DRIFT_RULE).toEqual({ alpha: 0.001, minKs: 0.02 }));
});
