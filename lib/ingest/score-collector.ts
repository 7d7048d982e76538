import { ScoreOrderBuilder, scoreTableOfOrder } from "../metrics";
import type { ScoreIndexes } from "./types";

/** The scores and labels of rows as they are appended, and their score indexes (sorted as they arrive). */
export class ScoreCollector {
  private readonly order = new ScoreOrderBuilder();

  get size(): number {
    return this.order.size;
  }

  add(score: number, label: number): void {
    this.order.add(score, label);
  }

  /** The score table of the labelled rows and the order of every row (ids: 0-based positions). Call once. */
  indexes(): ScoreIndexes {
    const order = this.order.build();
    return { table: scoreTableOfOrder(order), order };
  }
}
