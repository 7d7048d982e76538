import { describe, expect, test } from "vitest";
import { buildFrame, firstAbove, firstAtOrAbove, frameOf, runsFrame, type BuiltFrame, type FrameSpec } from "@/lib/audit";
import { seededRandom } from "@/lib/demo/random";
import { NOT_LABELLED, type ScoreSegment } from "@/lib/metrics/segment";
import { compute, OFF_THREAD_FROM } from "@/lib/workers/compute";

interface Row { id: number; score: number; label: number; time: number }

/** A segment of rows as the data layer stores it: sorted by (score, id). */
function segmentOf(rows: Row[], firstId: number, withTimes = true): ScoreSegment {
  const sorted = [...rows].sort((a, b) => a.score - b.score || a.id - b.id);
  return {
    firstId,
    offsets: Uint32Array.from(sorted, (r) => r.id - firstId),
    scores: Float64Array.from(sorted, (r) => r.score),
    labels: Uint8Array.from(sorted, (r) => r.label),
    times: withTimes ? Float64Array.from(sorted, (r) => r.time) : null,
    slices: [],
  };
}

/** The frame by definition: filter every row, then sort by (score, id). */
function bruteForce(rows: Row[], spec: FrameSpec, before: Map<number, number | null>) {
  const kept = rows
    .filter((r) => r.id <= spec.lastPredictionId)
    .filter((r) => (spec.from === null && spec.to === null) || (Number.isFinite(r.time) && r.time >= (spec.from ?? -Infinity) && r.time < (spec.to ?? Infinity)))
    .filter((r) => (before.has(r.id) ? before.get(r.id) : r.label === NOT_LABELLED ? null : r.label) === null)
    .sort((a, b) => a.score - b.score || a.id - b.id);
  return { scores: kept.map((r) => r.score), ids: kept.map((r) => r.id) };
}

/** Every position of a built frame, read through runsFrame: its scores and ids in frame order. */
function listed(built: BuiltFrame) {
  const frame = frameOf(built);
  expect(frame.rows).toBe(built.rows);
  return { scores: Array.from({ length: frame.rows }, (_, p) => frame.scoreAt(p)), ids: Array.from({ length: frame.rows }, (_, p) => frame.rowAt(p).id) };
}

describe("runsFrame: sorted runs read as one frame, never merged", () => {
  test.each([
    ["ten runs, scores with two decimals (ties across runs)", 10, 100],
    ["runs of very different lengths, one empty", 4, 3],
    ["every score tied", 5, 1],
  ])("%s: the row at every position and the counts below thresholds match a merge", (_, k, levels) => {
    const random = seededRandom(k * 31 + levels);
    const lengths = Array.from({ length: k }, (_, r) => (r === 1 && k === 4 ? 0 : Math.floor(random() * (k === 4 ? 900 : 300)) + 1));
    let nextId = 1;
    const all: { score: number; id: number }[] = [];
    const runs = lengths.map((n) => {
      // Ids of a run are spread (a segment's offsets), not consecutive across runs.
      const rows = Array.from({ length: n }, () => ({ score: Math.floor(random() * levels) / levels, id: (nextId += 1 + Math.floor(random() * 3)) }));
      rows.sort((a, b) => a.score - b.score || a.id - b.id);
      all.push(...rows);
      const firstId = rows.length ? Math.min(...rows.map((r) => r.id)) : 0;
      return { scores: Float64Array.from(rows, (r) => r.score), firstId, offsets: Uint32Array.from(rows, (r) => r.id - firstId), rows: null };
    });
    all.sort((a, b) => a.score - b.score || a.id - b.id);
    const frame = runsFrame(runs);
    expect(frame.rows).toBe(all.length);
    for (let p = 0; p < all.length; p++) {
      expect(frame.rowAt(p)).toEqual({ score: all[p].score, id: all[p].id });
      expect(frame.scoreAt(p)).toBe(all[p].score);
    }
    const scores = Float64Array.from(all, (r) => r.score);
    for (const t of [-1, 0, 0.005, 0.5, 0.37, 0.99, 1, 2]) {
      expect(frame.firstAtOrAbove(t)).toBe(firstAtOrAbove(scores, t));
      expect(frame.firstAbove(t)).toBe(firstAbove(scores, t));
    }
    expect(() => frame.rowAt(all.length)).toThrow(`position ${all.length} is outside the frame's ${all.length} rows`);
  });
});

describe("buildFrame: the rows an audit was drawn from, rebuilt from segments", () => {
  const random = seededRandom(15);
  // Three batches of consecutive ids (an import and two appends), scores with two decimals (ties across batches).
  const batches = [[1, 400], [401, 650], [651, 800]].map(([first, last]) =>
    Array.from({ length: last - first + 1 }, (_, k): Row => ({
      id: first + k,
      score: Math.round(random() * 100) / 100,
      label: random() < 0.6 ? NOT_LABELLED : random() < 0.2 ? 1 : 0,
      time: random() < 0.05 ? NaN : Date.UTC(2026, 10, 1) + Math.floor(random() * 10 * 86_400_000),
    })),
  );
  const all = batches.flat();
  const segments = batches.map((rows) => segmentOf(rows, rows[0].id));
  // Labels changed after the mark: rows labelled since (unlabelled then), one unlabelled since (labelled then).
  const changed = new Map<number, number | null>([[3, null], [450, null], [700, 1], [12, 0]]);

  test.each([
    ["every row", { lastPredictionId: 800, from: null, to: null }],
    ["rows up to the mark's last id (appends after the draw left out)", { lastPredictionId: 650, from: null, to: null }],
    ["a window [from, to): rows without a timestamp left out", { lastPredictionId: 800, from: Date.UTC(2026, 10, 3), to: Date.UTC(2026, 10, 7) }],
    ["a window open at one end", { lastPredictionId: 800, from: Date.UTC(2026, 10, 6), to: null }],
  ])("%s", (_, spec) => {
    for (const before of [new Map<number, number | null>(), changed]) {
      const frame = listed(buildFrame(segments, spec, before));
      const expected = bruteForce(all, spec, before);
      expect(frame.scores).toEqual(expected.scores);
      expect(frame.ids).toEqual(expected.ids);
      expect(frame.scores.length).toBeGreaterThan(50);
    }
  });

  test("the time span of the frame's rows; none without timestamps; an empty frame", () => {
    const spec = { lastPredictionId: 800, from: null, to: null };
    const frame = buildFrame(segments, spec);
    const times = bruteForce(all, spec, new Map()).ids.map((id) => all[id - 1].time).filter(Number.isFinite);
    expect([frame.timeMin, frame.timeMax]).toEqual([Math.min(...times), Math.max(...times)]);
    const untimed = buildFrame(batches.map((rows) => segmentOf(rows, rows[0].id, false)), spec);
    expect([untimed.timeMin, untimed.timeMax]).toEqual([null, null]);
    expect(untimed.rows).toBe(frame.rows);
    expect(buildFrame([], spec).rows).toBe(0);
    expect(frameOf(buildFrame(segments, { ...spec, lastPredictionId: 0 })).rows).toBe(0);
  });

  test("frozen: labelling frame rows later and reading them back from the history gives the same frame", () => {
    const spec = { lastPredictionId: 800, from: null, to: null };
    const atDraw = listed(buildFrame(segments, spec));
    const later = all.map((r) => ({ ...r }));
    const history = new Map<number, number | null>();
    for (const id of atDraw.ids.filter((_, k) => k % 7 === 0)) {
      history.set(id, null);
      later[id - 1].label = 1;
    }
    const rebuilt = listed(buildFrame([[1, 400], [401, 650], [651, 800]].map(([first, last]) => segmentOf(later.slice(first - 1, last), first)), spec, history));
    expect(rebuilt.ids).toEqual(atDraw.ids);
    expect(rebuilt.scores).toEqual(atDraw.scores);
  });

  test("in the compute worker (a large frame), one segment or several: the same runs, in shared memory, and the same rows at any position", async () => {
    const big = Array.from({ length: 3 }, (_, b) =>
      Array.from({ length: OFF_THREAD_FROM }, (_, k): Row => ({ id: b * OFF_THREAD_FROM + k + 1, score: Math.round(random() * 1000) / 1000, label: random() < 0.7 ? NOT_LABELLED : 0, time: NaN })),
    );
    const spec = { lastPredictionId: 3 * OFF_THREAD_FROM, from: null, to: null };
    for (const parts of [[big.flat()], big]) {
      const segs = parts.map((rows) => segmentOf(rows, rows[0].id, false));
      const here = buildFrame(segs, spec, changed);
      const there = await compute("auditFrame", 3 * OFF_THREAD_FROM, segs, spec, changed);
      expect(there.runs).toHaveLength(parts.length);
      for (const [k, run] of there.runs.entries()) {
        expect(run.scores.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(Array.from(run.scores)).toEqual(Array.from(here.runs[k].scores));
        expect(Array.from(run.rows!)).toEqual(Array.from(here.runs[k].rows!));
      }
      const [a, b] = [frameOf(here), frameOf(there)];
      expect(b.rows).toBe(a.rows);
      for (let i = 0; i < 2000; i++) {
        const p = Math.floor(random() * a.rows);
        expect([b.scoreAt(p), b.rowAt(p).id]).toEqual([a.scoreAt(p), a.rowAt(p).id]);
      }
    }
  });
});
