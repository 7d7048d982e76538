import type { DatasetMeta, DatasetSink, PredictionRow, ScoreIndexes } from "@/lib/ingest";
import { exampleKey } from "@/lib/ingest/example-key";
import { buildScoreTable } from "@/lib/metrics";
import { mergeScoreTables, segmentTable } from "@/lib/metrics/segment";
import type { BuiltSegment } from "@/lib/metrics/segment-builder";

/**
 * Checks the indexes the parser computed against the rows it sent, by plain comparison sorts: the
 * segments cover the rows in arrival order, one consecutive run each; each segment's positions
 * (sorted by score, then position), scores, labels, times, slice codes and sorted id keys; and the
 * score table of all the labelled rows. Throws naming the first difference.
 */
export function checkScoreIndexes(rows: PredictionRow[], parts: BuiltSegment[], sliceValues: string[][]): void {
  let from = 0;
  for (const [p, { segment, keys }] of parts.entries()) {
    const to = from + segment.offsets.length;
    const positions = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => rows[a].score - rows[b].score || a - b);
    positions.forEach((position, i) => {
      const row = rows[position];
      const time = segment.times ? segment.times[i] : NaN;
      if (segment.offsets[i] !== position || segment.scores[i] !== row.score + 0 || segment.labels[i] !== row.label || (segment.times && !Object.is(time, row.timestamp ?? NaN))) {
        throw new Error(`segment ${p} differs at ${i}: got row ${segment.offsets[i]}, expected row ${position}`);
      }
      const values: string[] = row.slices ? JSON.parse(row.slices) : [];
      segment.slices.forEach((codes, c) => {
        if (sliceValues[c][codes[i]] !== values[c]) throw new Error(`slice ${c} of row ${position}: code ${codes[i]} is not ${JSON.stringify(values[c])}`);
      });
    });
    if (keys) {
      const expected = positions
        .filter((q) => rows[q].exampleId !== null)
        .map((q) => ({ key: exampleKey(rows[q].exampleId!), q }))
        .sort((a, b) => a.key - b.key || a.q - b.q);
      if (keys.keys.length !== expected.length || expected.some((e, i) => keys.keys[i] !== e.key || keys.positions[i] !== e.q)) {
        throw new Error(`example-id keys of segment ${p} differ from the keys of its rows`);
      }
    }
    from = to;
  }
  if (from !== rows.length) throw new Error(`segments cover ${from} rows, ${rows.length} were written`);
  const table = mergeScoreTables(parts.map((p) => segmentTable(p.segment)));
  const expectedTable = buildScoreTable(rows.map((r) => r.score + 0), rows.map((r) => r.label));
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((x, i) => x === b[i]);
  if (!same(table.scores, expectedTable.scores) || !same(table.positives, expectedTable.positives) || !same(table.negatives, expectedTable.negatives)) {
    throw new Error("score table differs from the table of the written rows");
  }
}

/**
 * A sink that keeps rows in memory and records whether it committed or rolled back; on finish it
 * checks the score indexes the parser gives (the segments given to appendSegment on the way, then
 * the rest) against its rows (checkScoreIndexes).
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
  /** Segments given before finish(), with the rows written when each came. */
  segments: { rows: number; part: BuiltSegment }[] = [];
  append(row: PredictionRow) {
    this.rows.push(row);
  }
  appendSegment(part: BuiltSegment) {
    this.segments.push({ rows: this.rows.length, part });
  }
  finish(final: { scores?: ScoreIndexes }) {
    if (final.scores) {
      for (const { rows, part } of this.segments) {
        let last = 0;
        for (const o of part.segment.offsets) last = Math.max(last, o);
        if (last >= rows) throw new Error(`a segment with row ${last} came when only ${rows} rows had been written`);
      }
      checkScoreIndexes(this.rows, [...this.segments.map((s) => s.part), ...final.scores.parts], final.scores.sliceValues);
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
