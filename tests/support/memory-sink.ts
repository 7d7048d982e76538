import type { DatasetMeta, DatasetSink, PredictionRow, ScoreIndexes } from "@/lib/ingest";
import { exampleKey } from "@/lib/ingest/example-key";
import { buildScoreTable } from "@/lib/metrics";

/** Positions 0…n−1 of the rows sorted by (score, position): what a score order must hold. */
function expectedOrder(rows: PredictionRow[]): number[] {
  return rows.map((_, i) => i).sort((a, b) => rows[a].score - rows[b].score || a - b);
}

/**
 * Checks the indexes the parser computed against the rows it sent, by a plain comparison sort:
 * the segment's positions, scores, labels, times and slice codes, the sorted id keys, and the
 * score table of the labelled rows. Throws naming the first difference.
 */
export function checkScoreIndexes(rows: PredictionRow[], scores: ScoreIndexes): void {
  const positions = expectedOrder(rows);
  const { segment, table } = scores;
  if (segment.offsets.length !== rows.length) throw new Error(`segment has ${segment.offsets.length} rows, ${rows.length} were written`);
  positions.forEach((position, i) => {
    const row = rows[position];
    const time = segment.times ? segment.times[i] : NaN;
    if (segment.offsets[i] !== position || segment.scores[i] !== row.score + 0 || segment.labels[i] !== row.label || (segment.times && !Object.is(time, row.timestamp ?? NaN))) {
      throw new Error(`segment differs at ${i}: got row ${segment.offsets[i]}, expected row ${position}`);
    }
    const values: string[] = row.slices ? JSON.parse(row.slices) : [];
    segment.slices.forEach((codes, c) => {
      if (scores.sliceValues[c][codes[i]] !== values[c]) throw new Error(`slice ${c} of row ${position}: code ${codes[i]} is not ${JSON.stringify(values[c])}`);
    });
  });
  if (scores.keys) {
    const expected = rows.flatMap((r, p) => (r.exampleId === null ? [] : [{ key: exampleKey(r.exampleId), p }])).sort((a, b) => a.key - b.key || a.p - b.p);
    if (scores.keys.keys.length !== expected.length || expected.some((e, i) => scores.keys!.keys[i] !== e.key || scores.keys!.positions[i] !== e.p)) {
      throw new Error("example-id keys differ from the keys of the written rows");
    }
  }
  const expectedTable = buildScoreTable(rows.map((r) => r.score + 0), rows.map((r) => r.label));
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((x, i) => x === b[i]);
  if (!same(table.scores, expectedTable.scores) || !same(table.positives, expectedTable.positives) || !same(table.negatives, expectedTable.negatives)) {
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
