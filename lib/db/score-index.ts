/**
 * A dataset's rows as the app reads them: its score-sorted segments in memory, cached by segment
 * (id, revision), and everything derived from them cached by the dataset's version (lib/cache.ts).
 * A new version (an append, late labels, a compaction) reloads only new or changed segments, so a
 * threshold stays a binary search per segment however the dataset grew, and a second process
 * never serves numbers of rows that changed.
 */
import { cachedByVersion, forgetParts } from "../cache";
import { segmentedTable, sliceCountsAt, totalScores, type CumulativeTable, type ScoreSegment, type SegmentedTable, type SliceCountsReport } from "../metrics";
import { compute } from "../workers/compute";
import { inSharedMemory } from "../workers/shared-memory";
import { store } from "./index";
import { takeOfferedSegment } from "./segment-handoff";
import type { SegmentRef } from "./types";

/** A dataset at one version: its segments, each with its cumulative score table. */
export interface DatasetIndex {
  version: number;
  refs: SegmentRef[];
  segments: ScoreSegment[];
  /** tables[k]: segment k's labelled rows' cumulative score table. */
  tables: CumulativeTable[];
  /** Counts at any threshold: the sum over the segments' tables. */
  counts: SegmentedTable;
  /** Slice column names (mapping order) and each one's values (a segment's code indexes them). */
  sliceColumns: string[];
  sliceValues: string[][];
}

interface LoadedSegment {
  segment: ScoreSegment;
  table: CumulativeTable;
  /** Per slice column: the rows, positives and negatives of each code (computed on first use). */
  totals: ({ rows: Float64Array; positives: Float64Array; negatives: Float64Array } | undefined)[];
}

/** The dataset's version, or null when it does not exist. */
export const datasetVersion = (datasetId: number) => store().datasets.version(datasetId);

/** Segments stay cached across versions while their revision holds (most of a stream's data). */
const SEGMENT_CACHE = 512;

async function loadSegment(datasetId: number, ref: SegmentRef, sliceColumns: number): Promise<LoadedSegment | null> {
  return cachedByVersion(
    "segment",
    datasetId,
    ref.revision,
    async () => {
      // Just imported in this process: the segment as it was written, else read from the store.
      const read = takeOfferedSegment(datasetId, ref.id, ref.revision) ?? (await store().scores.segment(ref.id, sliceColumns));
      if (!read) return null;
      // In shared memory (a backend may read it there already), so that computations on it run in
      // the compute worker without copying it; its table is computed there (lib/workers/compute.ts).
      const segment = inSharedMemory(read);
      return { segment, table: await compute("segmentTable", segment.scores.length, { scores: segment.scores, labels: segment.labels }), totals: [] };
    },
    { part: String(ref.id), limit: SEGMENT_CACHE },
  );
}

/**
 * Drops the cached segments (and their day tables) that a compaction or a rewrite replaced: ids
 * up to the newest listed that are no longer listed. The segment cache holds up to 512 entries, and
 * a stream's compactions replace segments all the time: kept, the replaced ones held hundreds of MB.
 * (An id above the newest listed may be a segment written since the listing: it stays.)
 */
function forgetReplacedSegments(datasetId: number, refs: readonly SegmentRef[]): void {
  const listed = new Set(refs.map((r) => String(r.id)));
  const newest = refs.reduce((max, r) => Math.max(max, r.id), 0);
  const keep = (part: string) => listed.has(part) || Number(part) > newest;
  forgetParts("segment", datasetId, keep);
  forgetParts("monitoring-segment-days", datasetId, keep);
}

/** A dataset's segments at its current version; null when it does not exist. */
export async function getDatasetIndex(datasetId: number): Promise<DatasetIndex | null> {
  const version = await datasetVersion(datasetId);
  if (version === null) return null;
  return cachedByVersion("dataset-index", datasetId, version, () => buildIndex(datasetId, version), { limit: 64 });
}

async function buildIndex(datasetId: number, version: number): Promise<DatasetIndex | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [refs, layout, values] = await Promise.all([store().scores.segments(datasetId), store().datasets.columnLayout(datasetId), store().scores.sliceValues(datasetId)]);
    if (!refs || !layout || !values) return null;
    const loaded = await Promise.all(refs.map((ref) => loadSegment(datasetId, ref, layout.slices.length)));
    // A compaction between listing and reading replaced a segment: list again.
    if (loaded.some((l) => l === null)) continue;
    const parts = loaded as LoadedSegment[];
    forgetReplacedSegments(datasetId, refs);
    return {
      version,
      refs,
      segments: parts.map((p) => p.segment),
      tables: parts.map((p) => p.table),
      counts: segmentedTable(parts.map((p) => p.table)),
      sliceColumns: layout.slices,
      sliceValues: layout.slices.map((c) => values[c] ?? []),
    };
  }
  throw new Error(`dataset ${datasetId}: its segments kept changing while being read`);
}

/** Counts at any threshold of a dataset (a sum over its segments); null when it does not exist. */
export async function getCounts(datasetId: number): Promise<SegmentedTable | null> {
  return (await getDatasetIndex(datasetId))?.counts ?? null;
}

/**
 * The score table of the whole dataset, merged from its segments, with suffix sums: for what
 * needs every distinct score (curves, the explorer's grid, recommendations, summary figures).
 * Null when the dataset does not exist.
 */
export async function getScoreTable(datasetId: number): Promise<CumulativeTable | null> {
  const index = await getDatasetIndex(datasetId);
  if (!index) return null;
  if (index.tables.length === 1) return index.tables[0];
  const size = totalScores(index.tables);
  return cachedByVersion("score-table", datasetId, index.version, () => compute("mergedTable", size, index.tables), { limit: 16 });
}

/** Each slice value's counts at a threshold; null when the dataset does not exist. */
export async function getSliceCounts(datasetId: number, threshold: number): Promise<SliceCountsReport | null> {
  const index = await getDatasetIndex(datasetId);
  if (!index) return null;
  const loaded = await Promise.all(index.refs.map((ref) => loadSegment(datasetId, ref, index.sliceColumns.length)));
  for (const part of loaded) {
    for (let c = 0; c < index.sliceColumns.length; c++) part!.totals[c] ??= await compute("codeTotals", part!.segment.scores.length, part!.segment, c, index.sliceValues[c].length + 1);
  }
  return sliceCountsAt(index.segments, index.sliceColumns, index.sliceValues, threshold, (k, c) => loaded[k]!.totals[c]!);
}
