import type { DatasetMeta, DatasetSink, PredictionRow } from "@/lib/ingest";

/** A sink that keeps rows in memory and records whether it committed or rolled back. */
export class MemorySink implements DatasetSink {
  meta: DatasetMeta | null = null;
  rows: PredictionRow[] = [];
  state: "new" | "open" | "committed" | "aborted" = "new";
  begin(meta: DatasetMeta) {
    this.meta = meta;
    this.state = "open";
  }
  append(row: PredictionRow) {
    this.rows.push(row);
  }
  finish() {
    this.state = "committed";
    const positives = this.rows.filter((r) => r.label === 1).length;
    const negatives = this.rows.filter((r) => r.label === 0).length;
    return { id: 1, rows: this.rows.length, positives, negatives, unlabeled: this.rows.length - positives - negatives, durationMs: 0 };
  }
  abort() {
    this.state = "aborted";
  }
}
