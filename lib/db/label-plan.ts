/**
 * Late labels, whatever the backend: which rows change, how the dataset's counts move, and a
 * segment's labels column after the change. The backend reads the stored labels, writes the rows,
 * the history and the segments in one transaction.
 */
import { NOT_LABELLED } from "../metrics/segment";
import type { LabelChangeInput } from "./types";

/** What a set of label changes does to stored labels. */
export interface LabelPlan {
  /** The rows whose label changes, with their new label. */
  changed: Map<number, number | null>;
  /** Who set each row's label (the change's reviewer, else the request's). */
  reviewers: Map<number, string | null>;
  /** How the dataset's positives, negatives and unlabelled rows move. */
  delta: { positives: number; negatives: number; unlabeled: number };
}

/**
 * The changes that do something: rows the dataset has (in `old`, their stored labels) whose label
 * differs. Rows whose label does not change are counted by the caller but not written.
 */
export function planLabelChanges(changes: LabelChangeInput[], old: Map<number, number | null>, reviewer: string | null): LabelPlan {
  const changed = new Map<number, number | null>();
  const reviewers = new Map<number, string | null>();
  for (const c of changes) {
    if (old.has(c.predictionId) && old.get(c.predictionId) !== c.label) changed.set(c.predictionId, c.label);
    reviewers.set(c.predictionId, c.reviewer ?? reviewer);
  }
  const delta = { positives: 0, negatives: 0, unlabeled: 0 };
  const count = (label: number | null, by: number) => {
    if (label === 1) delta.positives += by;
    else if (label === 0) delta.negatives += by;
    else delta.unlabeled += by;
  };
  for (const [id, label] of changed) {
    count(old.get(id) ?? null, -1);
    count(label, 1);
  }
  return { changed, reviewers, delta };
}

/** The ids of `changed` a segment covering firstId…lastId holds. */
export const idsInSegment = (changed: Map<number, unknown>, ref: { firstId: number; lastId: number }) => [...changed.keys()].filter((id) => id >= ref.firstId && id <= ref.lastId);

/**
 * A segment's labels column with the new labels of `ids` written in (its offsets say where each
 * row sits), or null when none of them is in it.
 */
export function relabeled(offsets: Uint32Array, labels: Uint8Array, firstId: number, ids: number[], changed: Map<number, number | null>): Uint8Array | null {
  const wanted = new Map(ids.map((id) => [id - firstId, changed.get(id) ?? NOT_LABELLED]));
  const next = Uint8Array.from(labels);
  let hits = 0;
  for (let i = 0; i < offsets.length && hits < wanted.size; i++) {
    const label = wanted.get(offsets[i]);
    if (label !== undefined) {
      next[i] = label;
      hits++;
    }
  }
  return hits ? next : null;
}
