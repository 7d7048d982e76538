/**
 * What a batch writer (an import or an append, on any backend) decides about the example ids of
 * its rows once they are written: ids repeated inside the batch, appended rows without an id,
 * ids the dataset already has (refused or skipped). Each backend reads the stored ids and rows it
 * needs (its own SQL) and hands them here; the decisions and the error messages are the same
 * everywhere.
 */
import { ConflictError } from "../errors";
import { IngestError, MAX_PROBLEMS } from "../ingest/errors";
import type { IngestProblem } from "../ingest/types";
import type { ScoreSegment } from "../metrics/segment";
import { sortKeys } from "../metrics/key-sort";
import type { KeyOrder } from "../metrics/segment-builder";

/** The example id and spreadsheet row of stored predictions, by prediction id. */
export type StoredIds = Map<number, { exampleId: string | null; row: number }>;

/** How many rows an error names at most. */
export const LISTED = 10;

/**
 * Batch positions (earlier, later) of neighbouring equal keys: candidates for a repeated example
 * id. Several key orders (one per segment, each sorted, the segments in arrival order) are read
 * as their merge, ties by segment, which is the order allKeys() sorts them into, without building
 * it: for 5M rows that merge held 120 MB more at the end of the import.
 */
export function repeatedKeyPositions(orders: KeyOrder | readonly KeyOrder[]): [number, number][] {
  const runs = (Array.isArray(orders) ? orders : [orders]).filter((o) => o.keys.length > 0);
  const pairs: [number, number][] = [];
  // A binary heap of the runs by their next key (ties: the earlier run first).
  const at = new Uint32Array(runs.length);
  const heap = runs.map((_, r) => r);
  const before = (a: number, b: number) => runs[a].keys[at[a]] < runs[b].keys[at[b]] || (runs[a].keys[at[a]] === runs[b].keys[at[b]] && a < b);
  const down = (from: number) => {
    for (let i = from; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  let lastKey = NaN;
  let lastPosition = -1;
  while (heap.length > 0) {
    const run = runs[heap[0]];
    const i = at[heap[0]]++;
    const key = run.keys[i];
    if (key === lastKey) pairs.push([lastPosition, run.positions[i]]);
    lastKey = key;
    lastPosition = run.positions[i];
    if (at[heap[0]] === run.keys.length) {
      heap[0] = heap[heap.length - 1];
      heap.pop();
    }
    down(0);
  }
  return pairs;
}

/** The prediction ids to read for repeatedIdProblems. */
export const idsOfPairs = (pairs: [number, number][], firstId: number) => [...new Set(pairs.flat())].map((p) => firstId + p);

/**
 * Rows of the batch whose example id repeats an earlier row of the batch (equal keys whose stored
 * ids are equal too): the problems to report, in row order, named by `column`.
 */
export function repeatedIdProblems(pairs: [number, number][], stored: StoredIds, firstId: number, column: string): IngestProblem[] {
  const problems: IngestProblem[] = [];
  for (const [a, b] of pairs) {
    const first = stored.get(firstId + Math.min(a, b));
    const again = stored.get(firstId + Math.max(a, b));
    if (first && again && first.exampleId === again.exampleId) {
      problems.push({ row: again.row, column, message: `${JSON.stringify(first.exampleId)} appears again (first on row ${first.row}): each example id may appear once` });
    }
  }
  return problems.sort((x, y) => (x.row ?? 0) - (y.row ?? 0)).slice(0, MAX_PROBLEMS);
}

/** Throws the invalid_rows error of these problems, if any. */
export function refuseProblems(problems: IngestProblem[]): void {
  if (problems.length === 0) return;
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  throw new IngestError("invalid_rows", `row ${first.row}, column ${JSON.stringify(first.column)}: ${first.message}${more}`, problems);
}

/** Prediction ids of the first LISTED rows of the batch without an example id (rows without a key). */
export function idsWithoutKey(keys: KeyOrder, count: number, firstId: number): number[] {
  const keyed = new Set(keys.positions);
  const missing: number[] = [];
  for (let p = 0; p < count && missing.length < LISTED; p++) if (!keyed.has(p)) missing.push(firstId + p);
  return missing;
}

/** The problems of appended rows without an example id (the dataset is keyed by them). */
export function rowsWithoutIdProblems(missing: number[], stored: StoredIds, column: string): IngestProblem[] {
  return missing.map((id) => ({ row: stored.get(id)!.row, column, message: "is empty: the dataset is keyed by its example ids, so every appended row needs one" }));
}

/** A row of the batch whose key the dataset already holds, with the older predictions of that key. */
export interface DuplicateCandidate {
  position: number;
  newId: number;
  oldIds: number[];
}

/** Rows of the batch whose key is stored under an older prediction (ids below the batch's first). */
export function duplicateCandidates(keys: KeyOrder, stored: Map<number, number[]>, firstId: number): DuplicateCandidate[] {
  const candidates: DuplicateCandidate[] = [];
  for (let i = 0; i < keys.keys.length; i++) {
    const oldIds = (stored.get(keys.keys[i]) ?? []).filter((id) => id < firstId);
    if (oldIds.length) candidates.push({ position: keys.positions[i], newId: firstId + keys.positions[i], oldIds });
  }
  return candidates;
}

/** The prediction ids to read for matchDuplicates. */
export const idsOfCandidates = (candidates: DuplicateCandidate[]) => [...new Set(candidates.flatMap((c) => [c.newId, ...c.oldIds]))];

/** The batch positions whose example id (the text, not only its key) the dataset already has, and the pairs of ids. */
export function matchDuplicates(candidates: DuplicateCandidate[], texts: StoredIds): { positions: number[]; pairs: { newId: number; oldId: number }[] } {
  const positions: number[] = [];
  const pairs: { newId: number; oldId: number }[] = [];
  for (const c of candidates) {
    const mine = texts.get(c.newId)?.exampleId;
    const old = c.oldIds.find((id) => texts.get(id)?.exampleId === mine);
    if (old !== undefined) {
      positions.push(c.position);
      pairs.push({ newId: c.newId, oldId: old });
    }
  }
  return { positions, pairs };
}

/** The prediction ids to read for duplicateIdsError. */
export const idsOfDuplicates = (pairs: { newId: number }[]) => pairs.slice(0, LISTED).map((p) => p.newId);

/** 409 duplicate_ids: the batch is refused, naming its first rows whose id the dataset has. */
export function duplicateIdsError(pairs: { newId: number; oldId: number }[], texts: StoredIds, column: string): ConflictError {
  const details = pairs
    .slice(0, LISTED)
    .map((p) => texts.get(p.newId)!)
    .sort((a, b) => a.row - b.row)
    .map((t) => ({ row: t.row, column, message: `the dataset already has ${JSON.stringify(t.exampleId)}` }));
  const first = details[0];
  return new ConflictError(
    `${pairs.length} row${pairs.length > 1 ? "s have ids" : " has an id"} the dataset already has, e.g. row ${first.row}: ${JSON.stringify(texts.get(pairs[0].newId)?.exampleId)}; nothing was added (send ?duplicates=skip to leave them out)`,
    "duplicate_ids",
    details,
  );
}

/** The segment without the rows at `drop` (positions = id offsets; the rows left keep their ids). */
export function segmentWithout(segment: ScoreSegment, drop: Set<number>): ScoreSegment {
  const keep: number[] = [];
  for (let i = 0; i < segment.offsets.length; i++) if (!drop.has(segment.offsets[i])) keep.push(i);
  const pick = <T extends Uint32Array | Float64Array | Uint8Array | Uint16Array>(a: T) => {
    const out = new (a.constructor as new (n: number) => T)(keep.length);
    keep.forEach((i, k) => (out[k] = a[i]));
    return out;
  };
  return { firstId: segment.firstId, offsets: pick(segment.offsets), scores: pick(segment.scores), labels: pick(segment.labels), times: segment.times && pick(segment.times), slices: segment.slices.map(pick) };
}

/** The keys without the rows at `drop` (batch positions). */
export function keysWithout(keys: KeyOrder, drop: Set<number>): KeyOrder {
  const kept = [...Array(keys.keys.length).keys()].filter((i) => !drop.has(keys.positions[i]));
  return { keys: Float64Array.from(kept, (i) => keys.keys[i]), positions: Uint32Array.from(kept, (i) => keys.positions[i]) };
}

/** The keys of several segments of a batch, in one key order (ties by position), or null when none has keys. */
export function allKeys(orders: (KeyOrder | null)[]): KeyOrder | null {
  const keyed = orders.filter((k): k is KeyOrder => k !== null);
  if (keyed.length === 0) return null;
  if (keyed.length === 1) return keyed[0];
  let n = 0;
  for (const k of keyed) n += k.keys.length;
  const keys = new Float64Array(n);
  const positions = new Uint32Array(n);
  let at = 0;
  for (const k of keyed) {
    keys.set(k.keys, at);
    positions.set(k.positions, at);
    at += k.keys.length;
  }
  return sortKeys(keys, positions);
}
