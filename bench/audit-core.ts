/**
 * Audit core timings (pure, no database): drawing an 800-row audit from a 10,000,000-row frame,
 * a top-up to 1,000, and an estimate at a new threshold with 800 labels (2,000 random thresholds
 * after a warm-up; almost every one cuts a stratum, so it also asks the frame how many rows are
 * below it, a binary search over the 10M scores).
 * `npx tsx bench/audit-core.ts` (not part of bench/run.ts).
 */
import { seededRandom } from "../lib/demo/random";
import { drawAudit, estimateAt, firstAtOrAbove, prepareEstimates, sortedFrame, topUpAudit } from "../lib/audit";

const ROWS = 10_000_000;
const now = () => Number(process.hrtime.bigint()) / 1e6;

function timings(fn: (i: number) => unknown, runs: number): { median: number; p99: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    fn(i);
    times.push(now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], p99: times[Math.floor(runs * 0.99)], max: times[runs - 1] };
}
const show = (t: { median: number; p99: number; max: number }) => `median ${t.median.toFixed(3)} ms, p99 ${t.p99.toFixed(3)} ms, max ${t.max.toFixed(3)} ms`;

const random = seededRandom(42);
const scores = new Float64Array(ROWS);
for (let i = 0; i < ROWS; i++) scores[i] = random() ** 4;
scores.sort();
const ids = new Float64Array(ROWS);
for (let i = 0; i < ROWS; i++) ids[i] = i + 1;
const frame = sortedFrame(scores, ids);
// The truth the reviewers would find: P(positive) a distorted function of the score.
const truth = (position: number) => (random() < 0.002 + 0.6 * scores[position] ** 3 ? 1 : 0);

const draw = timings((i) => drawAudit(frame, { size: 800, seed: i }), 21);
const design = drawAudit(frame, { size: 800, seed: 1 });
const topUp = timings(() => topUpAudit(design, frame, 1_000), 21);
const labels = Uint8Array.from(design.items, (item) => truth(item.position));
const estimator = prepareEstimates(design, labels, (t) => firstAtOrAbove(scores, t));
const thresholds = Array.from({ length: 2_000 }, () => random());
for (let i = 0; i < 300; i++) estimateAt(estimator, random()); // warm-up: steady-state figures
const estimate = timings((i) => estimateAt(estimator, thresholds[i]), thresholds.length);
const exact = timings((i) => estimateAt(estimator, thresholds[i], { method: "exact" }), thresholds.length);
const prepare = timings(() => prepareEstimates(design, labels, (t) => firstAtOrAbove(scores, t)), 21);

console.log(`audit core on ${ROWS.toLocaleString("en-US")} rows, ${design.strata.length} strata`);
console.log(`  draw 800:                   ${show(draw)}`);
console.log(`  top-up 800 → 1,000:         ${show(topUp)}`);
console.log(`  prepare 800 labels:         ${show(prepare)}`);
console.log(`  estimate at a new threshold (mid-p): ${show(estimate)}`);
console.log(`  estimate at a new threshold (exact): ${show(exact)}`);
