import { describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/demo/random";
import { mergeSegments, type ScoreSegment } from "@/lib/metrics";
import { allRowsTable, DAY_MS, datasetDays, segmentDays, tableCounts, type PeriodTable } from "@/lib/monitoring";

const DAY0 = Date.parse("2026-10-01T00:00:00Z");

interface Row {
  score: number;
  label: number;
  time: number;
}

/** A segment of rows in arrival order (ids firstId…), sorted by (score, id) as the segment builder sorts them. */
function segmentOf(firstId: number, rows: Row[], withTimes = true): ScoreSegment {
  const order = rows.map((_, i) => i).sort((a, b) => rows[a].score - rows[b].score || a - b);
  return {
    firstId,
    offsets: Uint32Array.from(order),
    scores: Float64Array.from(order, (i) => rows[i].score),
    labels: Uint8Array.from(order, (i) => rows[i].label),
    times: withTimes ? Float64Array.from(order, (i) => rows[i].time) : null,
    slices: [],
  };
}

/** The table of some rows counted directly: a Map from score to counts, sorted. */
function naiveTable(rows: Row[]): [number, number, number, number][] {
  const byScore = new Map<number, [number, number, number]>();
  for (const r of rows) {
    const c = byScore.get(r.score) ?? [0, 0, 0];
    c[r.label === 1 ? 0 : r.label === 0 ? 1 : 2]++;
    byScore.set(r.score, c);
  }
  return [...byScore.entries()].sort((a, b) => a[0] - b[0]).map(([s, c]) => [s, ...c]);
}

const rowsOfTable = (t: PeriodTable) => Array.from(t.scores, (s, i) => [s, t.positives[i], t.negatives[i], t.unlabeled[i]]);

/** Rows over 5 days (one of them empty), with ties, unlabelled rows and rows without a time. */
function stream(seed: number, n: number): Row[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const day = [0, 1, 1, 3, 4][Math.floor(random() * 5)];
    const u = random();
    return {
      score: Math.round(random() * 40) / 40,
      label: u < 0.2 ? 1 : u < 0.85 ? 0 : 255,
      time: random() < 0.05 ? NaN : DAY0 + day * DAY_MS + Math.floor(random() * DAY_MS),
    };
  });
}

describe("day tables from score-sorted segments", () => {
  const rows = stream(14, 3000);
  const segments = [segmentOf(1, rows.slice(0, 1000)), segmentOf(1001, rows.slice(1000, 2200)), segmentOf(2201, rows.slice(2200))];
  const days = datasetDays(segments);

  test("one table per UTC day with rows, oldest first, each equal to its rows counted directly", () => {
    expect(days.days.map((d) => new Date(d.start).toISOString())).toEqual(["2026-10-01T00:00:00.000Z", "2026-10-02T00:00:00.000Z", "2026-10-04T00:00:00.000Z", "2026-10-05T00:00:00.000Z"]);
    for (const day of days.days) {
      const inDay = rows.filter((r) => Math.floor(r.time / DAY_MS) * DAY_MS === day.start);
      expect(rowsOfTable(day)).toEqual(naiveTable(inDay));
    }
  });

  test("rows without a timestamp are counted apart, by label", () => {
    const undated = rows.filter((r) => Number.isNaN(r.time));
    expect(undated.length).toBeGreaterThan(100);
    expect(days.undated).toEqual({
      rows: undated.length,
      positives: undated.filter((r) => r.label === 1).length,
      negatives: undated.filter((r) => r.label === 0).length,
      unlabeled: undated.filter((r) => r.label === 255).length,
    });
    const dated = days.days.reduce((sum, d) => sum + tableCounts(d).rows, 0);
    expect(dated + days.undated.rows).toBe(rows.length);
  });

  test("the same as one segment holding every row (a compaction changes nothing)", () => {
    expect(datasetDays([mergeSegments(segments)])).toEqual(days);
  });

  test("a dataset without a timestamp column: every row is undated", () => {
    const plain = datasetDays([segmentOf(1, rows, false)]);
    expect(plain.days).toEqual([]);
    expect(plain.undated.rows).toBe(3000);
  });

  test.each([
    ["no rows", [] as Row[], 0],
    ["one row at the last millisecond of a day", [{ score: 0.5, label: 1, time: DAY0 + DAY_MS - 1 }], 1],
    ["one row at midnight", [{ score: 0.5, label: 0, time: DAY0 + DAY_MS }], 1],
    ["rows on 31 Dec 1969 and 1 Jan 1970", [{ score: 0.2, label: 0, time: -1 }, { score: 0.3, label: 1, time: 0 }], 2],
  ])("%s", (_name, list, count) => {
    const d = segmentDays(segmentOf(1, list));
    expect(d.days.length).toBe(count);
    if (count) expect(d.days[0].start).toBe(Math.floor(list[0].time / DAY_MS) * DAY_MS);
  });

  test("all rows of several segments as one table, dated or not", () => {
    expect(rowsOfTable(allRowsTable(segments))).toEqual(naiveTable(rows));
    expect(allRowsTable([]).scores.length).toBe(0);
  });
});
