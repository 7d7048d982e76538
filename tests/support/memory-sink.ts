import type { DatasetMeta, DatasetSink, PredictionRow, ScoreIndexes } from "@/lib/ingest";
import { buildScoreTable } from "@/lib/metrics";

/** Positions 0…n−1 of the rows sorted by (score, position): what a score order must hold. */
function expectedOrder(rows: PredictionRow[]): number[] {
  return rows.map((_, i) => i).sort((a, b) => rows[a].score - rows[b].score || a - b);
}

/**
 * Checks the score indexes the parser computed against the rows it sent, by a plain comparison
 * sort: the order's positions, scores and labels, and the score table of the labelled rows.
 * Throws naming the first difference.
 */
export function checkScoreIndexes(rows: PredictionRow[], scores: ScoreIndexes): void {
  const positions = expectedOrder(rows);
  const { order, table } = scores;
  if (order.ids.length !== rows.length) throw new Error(`score order has ${order.ids.length} rows, ${rows.length} were written`);
  positions.forEach((position, i) => {
    if (order.ids[i] !== position || order.scores[i] !== rows[position].score + 0 || order.labels[i] !== rows[position].label) {
      throw new Error(`score order differs at ${i}: got row ${order.ids[i]}, expected row ${position}`);
    }
  });
  const expected = buildScoreTable(rows.map((r) => r.score + 0), rows.map((r) => r.label));
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((x, i) => x === b[i]);
  if (!same(table.scores, expected.scores) || !same(table.positives, expected.positives) || !same(table.negatives, expected.negatives)) {
    throw new Error("score table differs from the table of the written rows");
  }
}

/**
 * A sink that keeps rows in memory and records whether it committed or rolled back; on finish it
 * checks the score indexes the parser gives against its rows (checkScoreIndexes).
 */
export class MemorySink implements DatasetSink {
  meta: DatasetMeta | null = null;
  rows: PredictionRow[] = [];
  state: "new" | "open" | "committed" | "aborted" = "new";
  /** Whether finish() was given score indexes (and they matched the rows). */
  checkedScores = false;
  begin(meta: DatasetMeta) {
    this.meta = meta;
    this.state = "open";
  }
  append(row: PredictionRow) {
    this.rows.push(row);
  }
  finish(final: { scores?: ScoreIndexes }) {
    if (final.scores) {
      checkScoreIndexes(this.rows, final.scores);
      this.checkedScores = true;
    }
    this.state = "committed";
    const positives = this.rows.filter((r) => r.label === 1).length;
    const negatives = this.rows.filter((r) => r.label === 0).length;
    return { id: 1, rows: this.rows.length, positives, negatives, unlabeled: this.rows.length - positives - negatives, durationMs: 0 };
  }
  abort() {
    this.state = "aborted";
  }
}
