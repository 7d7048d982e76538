import { beforeAll, describe, expect, inject, test } from "vitest";
import { generateFraudDemo } from "@/lib/demo/fraud-demo";
import { demoDatasetId } from "../support/stored";
import { pairAuc, scanAveragePrecision, scanConfusion, type Example } from "../unit/metrics-reference";

const baseUrl = inject("baseUrl");
let demoId = 0;
// The demo's rows, regenerated from its seed: the brute-force reference for every number below.
const examples: Example[] = [...generateFraudDemo()].map((t) => ({ score: t.fraudProbability, label: t.isFraud }));

beforeAll(async () => {
  demoId = await demoDatasetId(inject("database"));
});

const get = async (path: string) => {
  const response = await fetch(`${baseUrl}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("GET /api/datasets/:id/metrics", () => {
  test("at 0.5 the demo catches 532, misses 28 and raises 400 false alarms", async () => {
    const { status, body } = await get(`/api/datasets/${demoId}/metrics?threshold=0.5`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ threshold: 0.5, tp: 532, fn: 28, fp: 400, tn: 15600, flagged: 932, total: 16560 });
    expect(body.precision).toBeCloseTo(532 / 932, 12);
    expect(body.recall).toBeCloseTo(0.95, 12);
    expect(body.fpr).toBeCloseTo(0.025, 12);
    expect(body.f1).toBeCloseTo((2 * 532) / (2 * 532 + 400 + 28), 12);
    expect(body.flagRate).toBeCloseTo(932 / 16560, 12);
  });

  test.each([0, 0.05, 0.3, 0.7312, 0.9, 1])("at %s the counts equal a scan of every row", async (t) => {
    const { body } = await get(`/api/datasets/${demoId}/metrics?threshold=${t}`);
    const { tp, fp, tn, fn } = scanConfusion(examples, t);
    expect({ tp: body.tp, fp: body.fp, tn: body.tn, fn: body.fn }).toEqual({ tp, fp, tn, fn });
  });

  test.each([
    { query: "", message: "threshold is required" },
    { query: "?threshold=", message: "threshold is required" },
    { query: "?threshold=abc", message: "threshold must be a number" },
    { query: "?threshold=1.5", message: "between 0 and 1" },
    { query: "?threshold=-0.1", message: "between 0 and 1" },
  ])("threshold $query is a 400 saying what is wrong", async ({ query, message }) => {
    const { status, body } = await get(`/api/datasets/${demoId}/metrics${query}`);
    expect(status).toBe(400);
    expect((body.error as { message: string; code: string }).message).toContain(message);
    expect((body.error as { code: string }).code).toBe("invalid_request");
  });

  test("an unknown dataset is a 404", async () => {
    expect((await get(`/api/datasets/999999/metrics?threshold=0.5`)).status).toBe(404);
    expect((await get(`/api/datasets/abc/metrics?threshold=0.5`)).status).toBe(404);
  });
});

describe("GET /api/datasets/:id/summary", () => {
  test("rows, classes and the scikit-learn figures of the demo", async () => {
    const { status, body } = await get(`/api/datasets/${demoId}/summary`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 16560, positives: 560, negatives: 16000, unlabeled: 0 });
    expect(Math.abs((body.rocAuc as number) - (pairAuc(examples) as number))).toBeLessThan(1e-9);
    expect(Math.abs((body.averagePrecision as number) - (scanAveragePrecision(examples) as number))).toBeLessThan(1e-9);
    const brier = examples.reduce((s, e) => s + (e.score - e.label) ** 2, 0) / examples.length;
    expect(Math.abs((body.brier as number) - brier)).toBeLessThan(1e-12);
    expect((await get(`/api/datasets/999999/summary`)).status).toBe(404);
  });
});

function distanceToSegment([x, y]: number[], a: { fpr: number; tpr: number }, b: { fpr: number; tpr: number }): number {
  const [dx, dy] = [b.fpr - a.fpr, b.tpr - a.tpr];
  const length = dx * dx + dy * dy;
  const u = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - a.fpr) * dx + (y - a.tpr) * dy) / length));
  return Math.hypot(x - a.fpr - u * dx, y - a.tpr - u * dy);
}

describe("GET /api/datasets/:id/curves", () => {
  test("ROC and PR curves with thresholds, from (0, 0) to (1, 1), and reliability bins", async () => {
    const { status, body } = await get(`/api/datasets/${demoId}/curves`);
    expect(status).toBe(200);
    const roc = body.roc as { points: { fpr: number; tpr: number; threshold: number | null }[]; originalCount: number; tolerance: number };
    expect(roc.points[0]).toEqual({ fpr: 0, tpr: 0, threshold: null });
    expect(roc.points.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(roc.points.length).toBeLessThan(roc.originalCount);
    const thresholds = roc.points.slice(1).map((p) => p.threshold as number);
    expect(thresholds).toEqual([...thresholds].sort((a, b) => b - a));
    // The operating point at 0.5 (2.5% false alarms, 95% caught) lies on the downsampled curve.
    const gap = Math.min(...roc.points.slice(1).map((b, i) => distanceToSegment([0.025, 0.95], roc.points[i], b)));
    expect(gap).toBeLessThanOrEqual(roc.tolerance + 1e-12);
    const pr = body.pr as { points: { precision: number; recall: number; threshold: number | null }[] };
    expect(pr.points.at(-1)).toEqual({ precision: 1, recall: 0, threshold: null });
    expect(pr.points.length).toBeLessThanOrEqual(1000);
    const calibration = body.calibration as { count: number }[];
    expect(calibration.reduce((s, b) => s + b.count, 0)).toBe(16560);
    expect((await get(`/api/datasets/999999/curves`)).status).toBe(404);
  });
});
