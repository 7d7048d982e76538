/**
 * Model comparison core at 1,000,000 matched rows (pure, no server): the first full report
 * (sorting both models, DeLong, pictures, tables, bootstrap) and a new threshold or load after it.
 * Run with `npx tsx bench/compare-core.ts`; not part of bench/run.ts.
 */
import { compareAt, loadForReviews, pairedBootstrap, prepareComparison, seededRandom, tallyCells, thresholdForLoad, type MatchedRows } from "../lib/compare";

const ROWS = 1_000_000;
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Median wall time of `runs` calls, in ms. */
function time(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    fn();
    times.push(now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** A float model and its int8 copy: B is A rounded to 1/256 with a little noise; 3% positives, 20 countries. */
function syntheticRows(n: number): MatchedRows {
  const random = seededRandom(42);
  const scoresA = new Float64Array(n);
  const scoresB = new Float64Array(n);
  const labels = new Uint8Array(n);
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = random() < 0.03 ? 1 : 0;
    scoresA[i] = labels[i] ? Math.sqrt(random()) : random() ** 3;
    scoresB[i] = Math.min(1, Math.max(0, Math.round(scoresA[i] * 256) / 256 + (random() - 0.5) * 0.01));
    codes[i] = Math.floor(random() * 20);
  }
  const values = Array.from({ length: 20 }, (_, v) => `country ${v}`);
  return { scoresA, scoresB, labels, slices: [{ column: "country", codes, values }] };
}

const rows = syntheticRows(ROWS);
const traffic = { volumePerDay: 50_000, prevalence: 0.03 };
const load = loadForReviews(2_000, traffic.volumePerDay, ROWS);
const figures: [string, number][] = [];
const first = now();
const prepared = prepareComparison(rows);
const report = compareAt(prepared, { flagged: load }, traffic, { margins: { missed: 5 } });
figures.push(["first full report at the same load (prepare + compareAt)", now() - first]);
figures.push(["prepareComparison alone (check, 2 sorts, DeLong, histogram, density grid)", time(() => prepareComparison(rows), 3)]);
let t = 0.3;
figures.push(["compareAt, a new threshold (median of 21)", time(() => compareAt(prepared, { threshold: (t = (t + 0.0137) % 1) }, traffic), 21)]);
let k = 1000;
figures.push(["compareAt, a new load (median of 21)", time(() => compareAt(prepared, { flagged: (k = (k * 1.3) % ROWS) }, traffic), 21)]);
figures.push(["paired tables alone (tallyCells, one pass)", time(() => tallyCells(rows, 0.5, 0.5), 21)]);
const cells = tallyCells(rows, 0.5, 0.5);
figures.push(["paired bootstrap alone (2,000 replicates)", time(() => pairedBootstrap(cells, traffic), 21)]);
figures.push(["thresholdForLoad on unsorted scores (sorts a copy)", time(() => thresholdForLoad(rows.scoresA, load), 3)]);

for (const [what, ms] of figures) console.log(`${ms.toFixed(1).padStart(8)} ms  ${what}`);
console.log(`\nAUC A ${report.auc.aucA?.toFixed(4)}, B ${report.auc.aucB?.toFixed(4)}, DeLong p ${report.auc.pValue?.toPrecision(3)}; thresholds ${report.thresholdA} / ${report.thresholdB}`);
console.log(`caught a day B − A: ${report.daily.caught.perDay?.toFixed(2)} (${report.daily.caught.range?.map((x) => x.toFixed(2)).join(" to ")})`);
