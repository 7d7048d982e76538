import { beforeAll, describe, expect, inject, test } from "vitest";
import { postCsv } from "../support/ingest-client";
import { countDirectly, DAY, DAYS, DRIFT_FROM_DAY, evaluationCsv, finalLabel, ksDirectly, MAPPING, psiDirectly, sendStream, START, streamRows, type StreamRow } from "../support/drifting-stream";

const baseUrl = inject("baseUrl");
const rows = streamRows();
const dated = rows.filter((r) => r.time !== null);
const dayIndex = (r: StreamRow) => Math.floor((r.time! - START) / DAY);
const scoresOf = (list: StreamRow[]) => list.map((r) => r.score);
const asLabelled = (list: StreamRow[]) => list.map((r) => ({ score: r.score, label: finalLabel(r) }));

type Period = Record<string, number | string | boolean | null | number[]> & { start: string; rows: number; ks: number | null; psi: number | null; drift: boolean; days: number };
interface Answer {
  period: string;
  threshold: number;
  deployedThreshold: number | null;
  reference: Record<string, unknown> & { spec: string; rows: number; kind: string };
  undated: { rows: number; positives: number; negatives: number; unlabeled: number };
  periods: Period[];
  replay: { sentence: string } | null;
}

const get = async (path: string) => {
  const response = await fetch(`${baseUrl}${path}`);
  return { status: response.status, body: (await response.json()) as Answer & { error?: { code: string; message: string } } };
};
const put = async (path: string, body: unknown) => {
  const response = await fetch(`${baseUrl}${path}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

let stream = 0;
let evaluation = 0;

beforeAll(async () => {
  stream = await sendStream(baseUrl, rows);
  const ev = await postCsv(baseUrl, evaluationCsv(), { name: "evaluation set", ...MAPPING, timestamp: "" });
  expect(ev.status).toBe(201);
  evaluation = ev.body.id as number;
});

describe("GET /monitoring: every day's counts equal the rows counted directly", () => {
  test.each([0, 0.3, 0.5, 0.77, 1])("at threshold %s, by UTC day, with late labels and rows without a timestamp apart", async (t) => {
    const { status, body } = await get(`/api/datasets/${stream}/monitoring?threshold=${t}`);
    expect(status).toBe(200);
    expect(body.periods.map((p) => p.start)).toEqual(Array.from({ length: DAYS }, (_, d) => new Date(START + d * DAY).toISOString()));
    body.periods.forEach((p, d) => {
      const expected = countDirectly(asLabelled(dated.filter((r) => dayIndex(r) === d)), t);
      const { rows: n, labeled, positives, negatives, flagged, tp, fp, fn, tn } = p;
      expect({ rows: n, labeled, positives, negatives, flagged, tp, fp, fn, tn }, p.start).toEqual(expected);
      expect(p.days).toBe(1);
      // Per day = count among labelled × all rows / labelled, for one day.
      expect(p.missesPerDay).toBeCloseTo(expected.labeled ? (expected.fn / expected.labeled) * expected.rows : NaN, 9);
    });
    const undated = rows.filter((r) => r.time === null);
    expect(body.undated).toEqual({ rows: 12, positives: undated.filter((r) => r.label === 1).length, negatives: undated.filter((r) => r.label === 0).length, unlabeled: 0 });
  });

  test("by ISO week: Monday 5 Oct and Monday 12 Oct (7 and 3 days of data)", async () => {
    const { body } = await get(`/api/datasets/${stream}/monitoring?threshold=0.5&period=week`);
    expect(body.periods.map((p) => [p.start, p.days])).toEqual([["2026-10-05T00:00:00.000Z", 7], ["2026-10-12T00:00:00.000Z", 3]]);
    for (const [w, p] of body.periods.entries()) {
      const expected = countDirectly(asLabelled(dated.filter((r) => Math.floor(dayIndex(r) / 7) === w)), 0.5);
      expect(p).toMatchObject(expected);
    }
  });

  test("KS and PSI against the default reference (the first 5 days: half of 10) equal brute force; drift from day 6 only", async () => {
    const { body } = await get(`/api/datasets/${stream}/monitoring?threshold=0.5`);
    expect(body.reference).toMatchObject({ spec: "window:first-5-days", kind: "window", from: "2026-10-05T00:00:00.000Z", to: "2026-10-10T00:00:00.000Z", days: 5 });
    const reference = scoresOf(dated.filter((r) => dayIndex(r) < 5));
    expect(body.reference.rows).toBe(reference.length);
    body.periods.forEach((p, d) => {
      const period = scoresOf(dated.filter((r) => dayIndex(r) === d));
      expect(p.ks).toBeCloseTo(ksDirectly(reference, period), 12);
      expect(p.psi).toBeCloseTo(psiDirectly(reference, period), 9);
      expect(p.drift, p.start).toBe(d >= DRIFT_FROM_DAY);
    });
  });

  test("another dataset as the reference: every one of its rows", async () => {
    const { body } = await get(`/api/datasets/${stream}/monitoring?threshold=0.5&reference=dataset:${evaluation}`);
    expect(body.reference).toMatchObject({ spec: `dataset:${evaluation}`, kind: "dataset", datasetId: evaluation, datasetName: "evaluation set", rows: 1000, days: null, rowsPerDay: null });
    const evalScores = evaluationCsv().trim().split("\n").slice(1).map((line) => Number(line.split(",")[2]));
    const day8 = scoresOf(dated.filter((r) => dayIndex(r) === 8));
    expect(body.periods[8].ks).toBeCloseTo(ksDirectly(evalScores, day8), 12);
    expect(body.periods.map((p) => p.drift)).toEqual(Array.from({ length: DAYS }, (_, d) => d >= DRIFT_FROM_DAY));
  });

  test("a window of dates as the reference, both days included", async () => {
    const { body } = await get(`/api/datasets/${stream}/monitoring?threshold=0.5&reference=window:2026-10-06..2026-10-07`);
    expect(body.reference).toMatchObject({ spec: "window:2026-10-06..2026-10-07", rows: dated.filter((r) => dayIndex(r) === 1 || dayIndex(r) === 2).length, days: 2 });
  });

  test.each([
    ["reference=last-week", 400, "invalid_request"],
    ["reference=dataset:999999", 400, "invalid_reference"],
    ["period=month", 400, "invalid_request"],
    ["threshold=2", 400, "invalid_request"],
  ])("?%s → %s %s", async (query, status, code) => {
    const { status: got, body } = await get(`/api/datasets/${stream}/monitoring?${query}`);
    expect(got).toBe(status);
    expect(body.error?.code).toBe(code);
  });

  test("a dataset without timestamps has no monitoring (400 no_timestamps); an unknown one is a 404", async () => {
    expect((await get(`/api/datasets/${evaluation}/monitoring`)).body.error?.code).toBe("no_timestamps");
    expect((await get(`/api/datasets/999999/monitoring`)).status).toBe(404);
  });
});

describe("monitoring settings: the reference and the threshold in production are saved with the dataset", () => {
  test("saved, used by default, kept when the story settings change, and the replay sentence follows", async () => {
    const saved = await put(`/api/datasets/${stream}/monitoring/settings`, { reference: String(evaluation), deployedThreshold: 0.5 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ reference: `dataset:${evaluation}`, deployedThreshold: 0.5, alerts: [], webhookUrl: null });
    const story = await put(`/api/datasets/${stream}/settings`, { vocabulary: { itemSingular: "transaction", positive: "fraudulent", negative: "valid" } });
    expect(story.status).toBe(200);
    expect((story.body.saved as Record<string, unknown>).monitoring).toBeUndefined();
    const { body } = await get(`/api/datasets/${stream}/monitoring?threshold=0.45`);
    expect(body.reference.spec).toBe(`dataset:${evaluation}`);
    expect(body.deployedThreshold).toBe(0.5);
    expect(body.replay?.sentence).toMatch(/^With 0\.45 instead of 0\.50 over the last 10 days: about [\d.]+ more valid transactions flagged a day and [\d.]+ fewer fraudulent ones missed\.$/);
    const defaults = await get(`/api/datasets/${stream}/monitoring`);
    expect(defaults.body.threshold).toBe(0.5);
  });

  test("bad settings are refused naming the field; the saved ones stay", async () => {
    const bad = await put(`/api/datasets/${stream}/monitoring/settings`, { deployedThreshold: 3, webhookUrl: "ftp://x" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("deployedThreshold");
    const now = await (await fetch(`${baseUrl}/api/datasets/${stream}/monitoring/settings`)).json();
    expect(now).toMatchObject({ reference: `dataset:${evaluation}`, deployedThreshold: 0.5 });
  });
});

describe("the gallery's time window", () => {
  const inDay = (d: number) => asLabelled(dated.filter((r) => dayIndex(r) === d));
  test.each(["fn", "fp"])("%s of one day at 0.5, in score order and sorted by another column, equal the day's rows", async (kind) => {
    const from = new Date(START + 7 * DAY).toISOString();
    const to = new Date(START + 8 * DAY).toISOString();
    const expected = countDirectly(inDay(7), 0.5)[kind as "fn" | "fp"];
    for (const extra of ["", "&sort=timestamp"]) {
      const response = await fetch(`${baseUrl}/api/datasets/${stream}/examples?threshold=0.5&kind=${kind}&limit=500&from=${from}&to=${to}${extra}`);
      const page = (await response.json()) as { total: number; items: { timestamp: string }[] };
      expect(page.total, extra).toBe(expected);
      expect(page.items.length).toBe(expected);
      expect(page.items.every((x) => x.timestamp >= from && x.timestamp < to)).toBe(true);
    }
  });

  test("a date alone is its UTC midnight; from after to is a 400", async () => {
    const page = (await (await fetch(`${baseUrl}/api/datasets/${stream}/examples?threshold=0.5&kind=fp&limit=0&from=2026-10-12&to=2026-10-13`)).json()) as { total: number };
    expect(page.total).toBe(countDirectly(inDay(7), 0.5).fp);
    const bad = await fetch(`${baseUrl}/api/datasets/${stream}/examples?threshold=0.5&from=2026-10-13&to=2026-10-12`);
    expect(bad.status).toBe(400);
  });
});
