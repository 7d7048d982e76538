import { buildScoreOrder, scoreTableOfOrder } from "../metrics";
import type { ScoreIndexes } from "./types";

/** The scores and labels of rows as they are appended (growing typed arrays), and their score indexes. */
export class ScoreCollector {
  private scores = new Float64Array(1 << 16);
  private labels = new Uint8Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(score: number, label: number): void {
    if (this.count === this.scores.length) this.grow();
    this.scores[this.count] = score;
    this.labels[this.count++] = label;
  }

  /** The score table of the labelled rows and the order of every row (ids: 0-based positions). */
  indexes(): ScoreIndexes {
    const scores = this.scores.subarray(0, this.count);
    const labels = this.labels.subarray(0, this.count);
    const order = buildScoreOrder(scores, labels, null);
    return { table: scoreTableOfOrder(order), order };
  }

  private grow(): void {
    const scores = new Float64Array(this.scores.length * 2);
    scores.set(this.scores);
    this.scores = scores;
    const labels = new Uint8Array(this.labels.length * 2);
    labels.set(this.labels);
    this.labels = labels;
  }
}
