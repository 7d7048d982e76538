/**
 * Monitoring core benchmark (pure, no database): 10,000,000 rows over 90 days, with 4-decimal and
 * with full-precision scores. Measures every period's counts at a new threshold (goal ≤ 20 ms),
 * KS and PSI for all periods (goal ≤ 1 s), the whole answer at a new threshold, and the week
 * grouping. Run: npx tsx bench/monitoring-core.ts (not part of bench/run.ts yet).
 */
import { seededRandom } from "../lib/demo/random";
import { buildScoreTable } from "../lib/metrics";
import {
  countsAtAll,
  driftReference,
  groupPeriods,
  mergeTables,
  monitoringAt,
  periodDrift,
  prepareMonitoring,
  prepareTable,
  type PeriodTable,
} from "../lib/monitoring";
import { resolveSettings } from "../lib/story";

const ROWS = 10_000_000;
const DAYS = 90;
const START = Date.parse("2026-08-03T00:00:00Z"); // a Monday
const now = () => Number(process.hrtime.bigint()) / 1e6;
const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(2)} ms` : `${(x * 1000).toFixed(1)} µs`);

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Median wall time of `runs` calls, shown with the median CPU time of this process: on a machine
 * shared with other work the CPU time is the steadier figure.
 */
function time(fn: () => unknown, runs: number): string {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [t, c] = [now(), cpu()];
    fn();
    walls.push(now() - t);
    cpus.push(cpu() - c);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(runs / 2)];
  return `${ms(median(walls))} (CPU ${ms(median(cpus))})`;
}

/** One day's rows: 3.4% positive, negatives' scores ~ u³/2, 30% unlabelled; drift from day 60. */
function day(d: number, rows: number, decimals: boolean, random: () => number): PeriodTable {
  const scores = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  const shift = d >= 60 ? 0.03 : 0;
  for (let i = 0; i < rows; i++) {
    const positive = random() < 0.034;
    const s = positive ? Math.sqrt(random()) : Math.min(1, 0.5 * random() ** 3 + shift);
    scores[i] = decimals ? Math.round(s * 1e4) / 1e4 : s;
    labels[i] = random() < 0.3 ? 255 : positive ? 1 : 0;
  }
  const labelled = buildScoreTable(scores, labels);
  const unlabelledRows = buildScoreTable(scores, Uint8Array.from(labels, (l) => (l === 255 ? 0 : 255)));
  const a: PeriodTable = { start: 0, scores: labelled.scores, positives: labelled.positives, negatives: labelled.negatives, unlabeled: new Float64Array(labelled.scores.length) };
  const u: PeriodTable = { start: 0, scores: unlabelledRows.scores, positives: new Float64Array(unlabelledRows.scores.length), negatives: new Float64Array(unlabelledRows.scores.length), unlabeled: unlabelledRows.negatives };
  return mergeTables([a, u], START + d * 86_400_000);
}

const settings = resolveSettings(
  { volume: ROWS / DAYS, costs: { falsePositive: 4, falseNegative: 250, truePositive: 0, currency: "$" } },
  { rows: ROWS, positives: 0, negatives: 0, positiveLabel: "1", negativeLabel: "0", timestampMin: null, timestampMax: null },
);

for (const decimals of [true, false]) {
  const random = seededRandom(decimals ? 4 : 17);
  const perDay = Math.round(ROWS / DAYS);
  const days = Array.from({ length: DAYS }, (_, d) => day(d, perDay, decimals, random));
  const distinct = days.reduce((s, t) => s + t.scores.length, 0);
  console.log(`\n${decimals ? "4-decimal" : "full-precision"} scores: ${(perDay * DAYS).toLocaleString("en-US")} rows, ${distinct.toLocaleString("en-US")} distinct (day, score) pairs`);

  const evaluation = day(0, 16_560, decimals, seededRandom(99));
  let window: PeriodTable = evaluation;
  const tMerge = time(() => (window = mergeTables(days.slice(0, 14), START)), 3);
  console.log(`  reference = first 14 days merged (${window.scores.length.toLocaleString("en-US")} distinct scores): ${tMerge}`);
  console.log(`  days → 13 ISO weeks (groupPeriods): ${time(() => groupPeriods(days, "week"), 3)}`);

  for (const [name, reference] of [["evaluation set, 16,560 rows", evaluation], ["first 14 days", window]] as const) {
    const periods = days.map((t) => prepareTable(t));
    const ref = driftReference(prepareTable(reference));
    const tDrift = time(() => periods.map((p) => periodDrift(ref, p)), 5);
    const tPrepare = time(() => prepareMonitoring(days, reference, { period: "day" }), 3);
    console.log(`  reference ${name}: KS + PSI for all 90 days ${tDrift} (goal ≤ 1 s); prepareMonitoring (suffix sums + KS + PSI) ${tPrepare}`);
  }

  const prepared = prepareMonitoring(days, window, { period: "day" });
  let k = 0;
  const thresholds = Array.from({ length: 101 }, (_, i) => i / 100);
  const tCounts = time(() => countsAtAll(prepared.periods, thresholds[k++ % 101]), 101);
  const tReport = time(() => monitoringAt(prepared, { threshold: thresholds[k++ % 101], settings, deployedThreshold: 0.5 }), 51);
  console.log(`  prepareMonitoring by week, reference first 14 days (days → weeks + suffix sums + KS + PSI): ${time(() => prepareMonitoring(days, window, { period: "week" }), 3)}`);
  const weekly = prepareMonitoring(days, window, { period: "week" });
  const tWeekly = time(() => monitoringAt(weekly, { threshold: thresholds[k++ % 101], settings, deployedThreshold: 0.5 }), 51);
  console.log(`  all 90 days' counts at a new threshold: ${tCounts} (goal ≤ 20 ms)`);
  console.log(`  whole answer at a new threshold (counts, ranges, cost, replay): by day ${tReport}, by week ${tWeekly}`);
  const drift = monitoringAt(prepared, { threshold: 0.5, settings }).periods.map((p) => (p.drift ? 1 : 0));
  console.log(`  drift flagged on ${drift.slice(0, 60).reduce((a: number, b) => a + b, 0)} of days 0–59 and ${drift.slice(60).reduce((a: number, b) => a + b, 0)} of the 30 shifted days`);
  console.log(`  answer size: ${(JSON.stringify(monitoringAt(prepared, { threshold: 0.5, settings })).length / 1024).toFixed(0)} KB`);
}
