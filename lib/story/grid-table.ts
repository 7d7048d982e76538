import { cumulate, type CumulativeTable } from "../metrics/score-table";
import { gridThreshold, type ThresholdGrid } from "../metrics/grid";

/**
 * The explorer's threshold grid as a score table whose scores are the grid thresholds: every
 * example of cell k ([t_k, t_(k+1))) sits at t_k. At every grid threshold (every threshold the
 * pages can take) it flags exactly the same examples as the full table, so the story's functions
 * give the same numbers in the browser as on the server.
 */
export function tableFromGrid(grid: ThresholdGrid): CumulativeTable {
  const scores: number[] = [];
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let k = 0; k <= grid.steps; k++) {
    if (grid.positives[k] === 0 && grid.negatives[k] === 0) continue;
    scores.push(gridThreshold(k, grid.steps));
    positives.push(grid.positives[k]);
    negatives.push(grid.negatives[k]);
  }
  return cumulate({
    scores: Float64Array.from(scores),
    positives: Float64Array.from(positives),
    negatives: Float64Array.from(negatives),
    totalPositives: grid.totalPositives,
    totalNegatives: grid.totalNegatives,
  });
}
