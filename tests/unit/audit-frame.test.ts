import { describe, expect, test } from "vitest";
import { buildFrame, type FrameSpec } from "@/lib/audit";
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
      const frame = buildFrame(segments, spec, before);
      const expected = bruteForce(all, spec, before);
      expect(Array.from(frame.scores)).toEqual(expected.scores);
      expect(Array.from(frame.ids)).toEqual(expected.ids);
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
    expect(untimed.scores.length).toBe(frame.scores.length);
    expect(buildFrame([], spec).scores.length).toBe(0);
    expect(buildFrame(segments, { ...spec, lastPredictionId: 0 }).ids.length).toBe(0);
  });

  test("frozen: labelling frame rows later and reading them back from the history gives the same frame", () => {
    const spec = { lastPredictionId: 800, from: null, to: null };
    const atDraw = buildFrame(segments, spec);
    const later = all.map((r) => ({ ...r }));
    const history = new Map<number, number | null>();
    for (const id of Array.from(atDraw.ids).filter((_, k) => k % 7 === 0)) {
      history.set(id, null);
      later[id - 1].label = 1;
    }
    const rebuilt = buildFrame([[1, 400], [401, 650], [651, 800]].map(([first, last]) => segmentOf(later.slice(first - 1, last), first)), spec, history);
    expect(rebuilt.ids).toEqual(atDraw.ids);
    expect(rebuilt.scores).toEqual(atDraw.scores);
  });

  test("in the compute worker (a large frame), one segment or several: the same frame, its ids written out in shared memory", async () => {
    const big = Array.from({ length: 3 }, (_, b) =>
      Array.from({ length: OFF_THREAD_FROM }, (_, k): Row => ({ id: b * OFF_THREAD_FROM + k + 1, score: Math.round(random() * 1000) / 1000, label: random() < 0.7 ? NOT_LABELLED : 0, time: NaN })),
    );
    const spec = { lastPredictionId: 3 * OFF_THREAD_FROM, from: null, to: null };
    for (const parts of [[big.flat()], big]) {
      const segs = parts.map((rows) => segmentOf(rows, rows[0].id, false));
      const here = buildFrame(segs, spec, changed);
      const there = await compute("auditFrame", 3 * OFF_THREAD_FROM, segs, spec, changed);
      expect(there.ids).toBeInstanceOf(Float64Array);
      expect((there.ids as Float64Array).buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(there.ids)).toEqual(Array.from(here.ids));
      expect(Array.from(there.scores)).toEqual(Array.from(here.scores));
    }
  });
});
