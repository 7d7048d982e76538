/**
 * Story benchmark (pure, no server): recommended thresholds computed exactly over 1,000,000
 * distinct scores on the server, and over the threshold grid in the browser when a parameter
 * changes; the sentences, ranges and cost curve when the threshold moves.
 */
import { buildScoreTable, buildThresholdGrid, cumulate } from "../lib/metrics";
import { costCurve, recommendThresholds, resolveSettings, storyAt, tableFromGrid } from "../lib/story";
import type { Benchmark, BenchRow } from "./types";

const ROWS = 1_000_000;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${(x * 1000).toFixed(1)} µs`);

/** Median wall time of `runs` calls. */
function time(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    fn();
    times.push(now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export const benchmark: Benchmark = {
  name: "story",
  description: `Daily impact on ${ROWS.toLocaleString("en-US")} rows with ~1,000,000 distinct float scores (3% positives).`,
  async run() {
    let seed = 42;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const scores = new Float64Array(ROWS);
    const labels = new Uint8Array(ROWS);
    for (let i = 0; i < ROWS; i++) {
      labels[i] = random() < 0.03 ? 1 : 0;
      scores[i] = labels[i] ? Math.sqrt(random()) : random() ** 3;
    }
    const table = cumulate(buildScoreTable(scores, labels));
    const gridTable = tableFromGrid(buildThresholdGrid(table));
    const settings = resolveSettings(
      { volume: 50_000, costs: { falsePositive: 4, falseNegative: 250, truePositive: 0, currency: "$" }, reviewCapacity: 2_000, targets: { fnr: 0.05, fpr: 0.02 } },
      { rows: ROWS, positives: table.totalPositives, negatives: table.totalNegatives, positiveLabel: "1", negativeLabel: "0", timestampMin: null, timestampMax: null },
    );
    const scan = time(() => {
      let tp = 0;
      let fp = 0;
      for (let i = 0; i < ROWS; i++) {
        if (scores[i] < 0.5) continue;
        if (labels[i]) tp++;
        else fp++;
      }
      return tp + fp;
    }, 5);
    const exact = time(() => recommendThresholds(table, settings), 5);
    const grid = time(() => recommendThresholds(gridTable, settings), 21);
    let t = 0;
    const story = time(() => storyAt(gridTable, (t = (t + 0.0137) % 1), settings), 201);
    const curve = time(() => costCurve(gridTable, settings, settings.costs), 21);
    const rows: BenchRow[] = [
      {
        metric: `all four recommendations, exact over ${table.scores.length.toLocaleString("en-US")} distinct scores (server)`,
        value: ms(exact),
        reference: `one full scan of ${ROWS.toLocaleString("en-US")} rows at one threshold: ${ms(scan)}`,
        ratio: `${(exact / scan).toFixed(1)}×`,
        goal: "< 1 s",
        met: exact < 1000,
      },
      { metric: `all four recommendations from the browser's grid table (${gridTable.scores.length.toLocaleString("en-US")} cells)`, value: ms(grid), goal: "< 16 ms (one frame)", met: grid < 16 },
      { metric: "sentences, daily counts, 95% ranges and cost at a new threshold (storyAt)", value: ms(story), goal: "< 1 ms", met: story < 1 },
      { metric: "cost curve, 401 thresholds", value: ms(curve), goal: "< 16 ms", met: curve < 16 },
    ];
    return {
      name: "story",
      description: this.description,
      rows,
      notes: ["Medians of repeated runs in one Node process; the browser runs the same lib/story code on the grid table."],
    };
  },
};
