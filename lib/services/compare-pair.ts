/**
 * Two datasets joined by example id, prepared for comparison once per pair of versions: each
 * dataset's segments and example-id keys (lib/db), a merge of the sorted keys, a check of equal
 * keys against the ids' text, then the expensive part of the comparison (sorts, DeLong, pictures,
 * the browser's grid). Cached by (A, version of A, B, version of B): an append or late labels on
 * either side make a new pair.
 */
import { cachedByVersion } from "../cache";
import type { JoinedRows, KeyedSegment, PairedGrid, PreparedComparison } from "../compare";
import { store } from "../db";
import { datasetVersion, getDatasetIndex, type DatasetIndex } from "../db/score-index";
import { compute } from "../workers/compute";

/** A prepared pair: joined rows when the datasets share ids, else an A/B test's two arms. */
export interface PreparedPair {
  a: number;
  b: number;
  versionA: number;
  versionB: number;
  /** Rows (labelled or not) of each dataset, and those without an example id. */
  rowsA: number;
  rowsB: number;
  withoutIdA: number;
  withoutIdB: number;
  /** Null when the two datasets share no example id: compare them as an A/B test. */
  joined: JoinedRows | null;
  prepared: PreparedComparison | null;
  grid: PairedGrid | null;
  /** How long the preparation took (ms), for the first answer's timing. */
  preparedInMs: number;
}

async function keyedSegments(index: DatasetIndex): Promise<KeyedSegment[]> {
  const keys = await Promise.all(index.refs.map((ref) => store().scores.keys(ref.id)));
  return index.segments.flatMap((segment, k) => {
    const found = keys[k];
    return found ? [{ segment, keys: found.keys, keyOffsets: found.offsets }] : [];
  });
}

const rowCount = (index: DatasetIndex) => index.segments.reduce((sum, s) => sum + s.offsets.length, 0);

async function preparePair(a: number, b: number, versionA: number, versionB: number): Promise<PreparedPair | null> {
  const started = performance.now();
  const [indexA, indexB] = await Promise.all([getDatasetIndex(a), getDatasetIndex(b)]);
  if (!indexA || !indexB) return null;
  const [partsA, partsB] = await Promise.all([keyedSegments(indexA), keyedSegments(indexB)]);
  const size = rowCount(indexA) + rowCount(indexB);
  // The long steps run in the compute worker (plain data over shared memory both ways).
  const c = await compute("pairCandidates", size, partsA, partsB, indexA.sliceColumns.length);
  const base = { a, b, versionA, versionB, rowsA: rowCount(indexA), rowsB: rowCount(indexB), withoutIdA: rowCount(indexA) - c.keyedA.keys.length, withoutIdB: rowCount(indexB) - c.keyedB.keys.length };
  const unpaired = { ...base, joined: null, prepared: null, grid: null };
  if (c.candidates.a.length === 0) return { ...unpaired, preparedInMs: performance.now() - started };
  // Equal keys are the same id only if the texts agree. The check reads both sides' texts on the
  // reader thread; meanwhile the compute worker prepares the comparison as if they all agree (a
  // 53-bit collision almost never happens), and prepares it again when some pair differs.
  const slices = indexA.sliceColumns.map((column, k) => ({ column, values: indexA.sliceValues[k] ?? [] }));
  const segmentRows = { a: partsA.map((p) => p.segment.offsets.length), b: partsB.map((p) => p.segment.offsets.length) };
  const candidates = { keyedA: c.keyedA, keyedB: c.keyedB, candidates: c.candidates };
  const [same, speculative] = await Promise.all([store().rows.sameExampleIds(a, c.idsA, b, c.idsB), compute("joinPair", size, candidates, null, slices, segmentRows)]);
  const pair = same.indexOf(0) < 0 ? speculative : await compute("joinPair", size, candidates, same, slices, segmentRows);
  return { ...(pair ? { ...base, ...pair } : unpaired), preparedInMs: performance.now() - started };
}

/** Pairs kept prepared: each holds its matched rows and sorted scores (~60 MB at a million rows). */
const PAIRS = 3;

/** Preparations under way, so that two first requests for a pair (the page and its first fetch) share one. */
const inFlight = ((globalThis as unknown as { cutoffPairsInFlight?: Map<string, Promise<PreparedPair | null>> }).cutoffPairsInFlight ??= new Map());

/** The prepared pair of datasets a and b at their current versions; null when either does not exist. */
export async function getPreparedPair(a: number, b: number): Promise<PreparedPair | null> {
  const [versionA, versionB] = await Promise.all([datasetVersion(a), datasetVersion(b)]);
  if (versionA === null || versionB === null) return null;
  const key = `${a}@${versionA}:${b}@${versionB}`;
  const running = inFlight.get(key);
  if (running) return running;
  const pair = cachedByVersion("compare-pair", a, versionA, () => preparePair(a, b, versionA, versionB), { part: `${b}@${versionB}`, limit: PAIRS });
  inFlight.set(key, pair);
  try {
    return await pair;
  } finally {
    inFlight.delete(key);
  }
}
