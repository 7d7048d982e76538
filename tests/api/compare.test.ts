import { beforeAll, describe, expect, inject, test } from "vitest";
import { csvPair, matchByHand } from "../support/compare-pair";
import { postCsv } from "../support/ingest-client";

const baseUrl = inject("baseUrl");

// 4,000 transactions scored twice; B's file shuffled; ~5% of the ids in A only, ~5% in B only,
// ~1% with labels that differ between the files, ~1% unlabelled in B (A's label is used).
const pair = csvPair(4000, 7);
const byHand = matchByHand(pair);
const mapping = { id: "transaction_id", timestamp: "timestamp", label: "is_fraud", score: "fraud_probability", slice: "country" };
let a = 0;
let b = 0;

type Table = { both: number; onlyA: number; onlyB: number; neither: number; pValue: number };
type Answer = Record<string, unknown> & {
  kind: string; matched: number; onlyA: number; onlyB: number; labelConflicts: number; conflictExamples: { exampleId: string; labelA: number; labelB: number }[];
  thresholdA: number; thresholdB: number; load: number | null; reviewsPerDay: number | null; mode: string;
  a: { tp: number; fp: number; tn: number; fn: number; rocAuc: number; flagged: number }; b: { tp: number; fp: number; tn: number; fn: number; rocAuc: number; flagged: number };
  positives: Table; negatives: Table; auc: { aucA: number; aucB: number; difference: number; standardError: number; pValue: number };
  agreement: { share: number; kappa: number }; slices: { column: string; values: { value: string; rows: number; a: { tp: number; fp: number; fn: number }; b: { tp: number; fp: number; fn: number } }[] }[];
  sentences: string[]; histogram?: unknown; density?: unknown; traffic: { volumePerDay: number; prevalence: number };
  error?: { code: string; message: string };
};

const get = async <T = Answer>(path: string) => {
  const response = await fetch(`${baseUrl}${path}`);
  return { status: response.status, body: (await response.json()) as T };
};
const compare = async (query: string) => {
  const { status, body } = await get(`/api/compare?a=${a}&b=${b}&${query}`);
  expect(status, JSON.stringify(body.error)).toBe(200);
  return body;
};

/** Binomial coefficient C(n, k) / 2ⁿ summed: McNemar's mid-p by brute force (exact for these small n). */
function midP(x: number, y: number): number {
  const n = x + y;
  if (n === 0) return 1;
  const m = Math.min(x, y);
  const pmf = (k: number) => {
    let logC = 0;
    for (let i = 1; i <= k; i++) logC += Math.log(n - k + i) - Math.log(i);
    return Math.exp(logC - n * Math.LN2);
  };
  let below = 0;
  for (let k = 0; k < m; k++) below += pmf(k);
  return Math.min(1, 2 * below + pmf(m));
}

/** ROC AUC over all (positive, negative) pairs, ties ½. */
function aucByPairs(scores: number[], labels: number[]): number {
  const pos = scores.filter((_, i) => labels[i] === 1);
  const neg = scores.filter((_, i) => labels[i] === 0);
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** The cells and each model's confusion matrix at two thresholds, row by row. */
function tablesAt(tA: number, tB: number, rows = byHand.matched) {
  const table = (label: number) => {
    const of = rows.filter((r) => r.label === label);
    const flagsA = (r: (typeof rows)[number]) => r.scoreA >= tA;
    const flagsB = (r: (typeof rows)[number]) => r.scoreB >= tB;
    return {
      both: of.filter((r) => flagsA(r) && flagsB(r)).length,
      onlyA: of.filter((r) => flagsA(r) && !flagsB(r)).length,
      onlyB: of.filter((r) => !flagsA(r) && flagsB(r)).length,
      neither: of.filter((r) => !flagsA(r) && !flagsB(r)).length,
    };
  };
  const positives = table(1);
  const negatives = table(0);
  return {
    positives: { ...positives, pValue: midP(positives.onlyA, positives.onlyB) },
    negatives: { ...negatives, pValue: midP(negatives.onlyA, negatives.onlyB) },
    a: { tp: positives.both + positives.onlyA, fn: positives.onlyB + positives.neither, fp: negatives.both + negatives.onlyA, tn: negatives.onlyB + negatives.neither },
    b: { tp: positives.both + positives.onlyB, fn: positives.onlyA + positives.neither, fp: negatives.both + negatives.onlyB, tn: negatives.onlyA + negatives.neither },
  };
}

/** The lowest distinct score s of a model with #{score ≥ s} ≤ K, by scanning every distinct score. */
function loadThreshold(scores: number[], k: number): number {
  const distinct = [...new Set(scores)].sort((x, y) => x - y);
  return distinct.find((s) => scores.filter((x) => x >= s).length <= k) ?? Number.NaN;
}

beforeAll(async () => {
  const first = await postCsv(baseUrl, pair.csvA, { ...mapping, name: "compare float32", model: "fraud-api", version: "float32" });
  const second = await postCsv(baseUrl, pair.csvB, { ...mapping, name: "compare int8", model: "fraud-api", version: "int8" });
  expect([first.status, second.status]).toEqual([201, 201]);
  a = first.body.id as number;
  b = second.body.id as number;
});

describe("GET /api/compare on a shuffled pair of files", () => {
  test("matches by example id: matched, only in A, only in B, label conflicts (shown), as a join by hand", async () => {
    const answer = await compare("threshold=0.5");
    expect(byHand.labelConflicts).toBeGreaterThan(10);
    expect(answer).toMatchObject({ kind: "paired", matched: byHand.matched.length, onlyA: byHand.onlyA, onlyB: byHand.onlyB, labelConflicts: byHand.labelConflicts, thresholdA: 0.5, thresholdB: 0.5, mode: "threshold" });
    expect(answer.conflictExamples).toHaveLength(Math.min(20, byHand.labelConflicts));
    const labels = new Map(pair.b.map((r) => [r.id, r.label]));
    for (const c of answer.conflictExamples) expect(String(c.labelB)).toBe(labels.get(c.exampleId));
    expect(answer.datasets).toMatchObject({ a: { id: a, modelName: "fraud-api", modelVersion: "float32", label: "float32" }, b: { id: b, label: "int8" } });
  });

  test.each([0.3, 0.5, 0.62])("at threshold %s: each model's counts and the paired tables with McNemar's mid-p, by brute force", async (t) => {
    const answer = await compare(`threshold=${t}`);
    const expected = tablesAt(t, t);
    expect(answer.a).toMatchObject(expected.a);
    expect(answer.b).toMatchObject(expected.b);
    for (const label of ["positives", "negatives"] as const) {
      const { pValue, ...cells } = expected[label];
      expect(answer[label]).toMatchObject(cells);
      expect(Math.abs(answer[label].pValue - pValue)).toBeLessThan(1e-12);
    }
    // Cohen's κ from the 2×2 over all matched rows.
    const n = byHand.matched.length;
    const both = expected.positives.both + expected.negatives.both;
    const neither = expected.positives.neither + expected.negatives.neither;
    const flagA = (expected.a.tp + expected.a.fp) / n;
    const flagB = (expected.b.tp + expected.b.fp) / n;
    const chance = flagA * flagB + (1 - flagA) * (1 - flagB);
    expect(Math.abs(answer.agreement.kappa - ((both + neither) / n - chance) / (1 - chance))).toBeLessThan(1e-12);
  });

  test("ROC AUCs over all pairs; the difference is B − A like every other", async () => {
    const answer = await compare("threshold=0.5");
    const labels = byHand.matched.map((r) => r.label);
    const aucA = aucByPairs(byHand.matched.map((r) => r.scoreA), labels);
    const aucB = aucByPairs(byHand.matched.map((r) => r.scoreB), labels);
    expect(Math.abs(answer.auc.aucA - aucA)).toBeLessThan(1e-12);
    expect(Math.abs(answer.auc.aucB - aucB)).toBeLessThan(1e-12);
    expect(Math.abs(answer.auc.difference - (aucB - aucA))).toBeLessThan(1e-12);
    expect(answer.auc.standardError).toBeGreaterThan(0);
  });

  test("the same load (flagged=K): each model at the lowest of its own scores flagging at most K", async () => {
    const k = 150;
    const answer = await compare(`flagged=${k}`);
    const tA = loadThreshold(byHand.matched.map((r) => r.scoreA), k);
    const tB = loadThreshold(byHand.matched.map((r) => r.scoreB), k);
    expect(answer).toMatchObject({ mode: "load", load: k, thresholdA: tA, thresholdB: tB });
    expect(tA).not.toBe(tB);
    const expected = tablesAt(tA, tB);
    expect(answer.a).toMatchObject(expected.a);
    expect(answer.b).toMatchObject(expected.b);
    expect(answer.a.flagged).toBeLessThanOrEqual(k);
    expect(answer.b.flagged).toBeLessThanOrEqual(k);
  });

  test("reviews a day become K = matched × reviews / volume a day, and the sentence says the reviews", async () => {
    const answer = await compare("reviews=200");
    const volume = answer.traffic.volumePerDay;
    expect(answer.load).toBeCloseTo((byHand.matched.length * 200) / volume, 9);
    expect(answer.reviewsPerDay).toBeCloseTo(200, 9);
    const byK = await compare(`flagged=${answer.load}`);
    expect([byK.thresholdA, byK.thresholdB]).toEqual([answer.thresholdA, answer.thresholdB]);
    expect(answer.sentences[0]).toMatch(/^At 200 reviews a day the int8 model catches/);
  });

  test("per-slice differences of A's slice column, counted by hand", async () => {
    const answer = await compare("threshold=0.5");
    const [country] = answer.slices;
    expect(country.column).toBe("country");
    for (const value of country.values) {
      const rows = byHand.matched.filter((r) => r.country === value.value);
      expect(value.rows).toBe(rows.length);
      expect(value.a.tp).toBe(rows.filter((r) => r.label === 1 && r.scoreA >= 0.5).length);
      expect(value.b.fp).toBe(rows.filter((r) => r.label === 0 && r.scoreB >= 0.5).length);
      expect(value.b.fn).toBe(rows.filter((r) => r.label === 1 && r.scoreB < 0.5).length);
    }
  });

  test("pictures=0 leaves the histogram and density grid out; margins give verdicts", async () => {
    const light = await compare("threshold=0.5&pictures=0&missedMargin=2&falseAlarmMargin=0");
    expect(light.histogram).toBeUndefined();
    expect(light.density).toBeUndefined();
    expect((light.nonInferiority as { measure: string }[]).map((v) => v.measure)).toEqual(["missed", "falseAlarms"]);
    const full = await compare("threshold=0.5");
    expect(full.histogram).toBeDefined();
  });

  test("the disagreements: examples one model flags, largest score difference first, as A's examples", async () => {
    const { status, body } = await get<{ total: number; thresholdA: number; items: { exampleId: string; score: number; scoreB: number; difference: number; flaggedBy: string }[] }>(`/api/compare/disagreements?a=${a}&b=${b}&threshold=0.5&limit=10`);
    expect(status).toBe(200);
    const expected = byHand.matched.filter((r) => r.scoreA >= 0.5 !== r.scoreB >= 0.5).sort((x, y) => Math.abs(y.scoreB - y.scoreA) - Math.abs(x.scoreB - x.scoreA));
    expect(body.total).toBe(expected.length);
    expect(body.items[0].difference).toBeCloseTo(expected[0].scoreB - expected[0].scoreA, 12);
    for (const item of body.items) {
      const row = byHand.matched.find((r) => r.id === item.exampleId)!;
      expect([item.score, item.scoreB]).toEqual([row.scoreA, row.scoreB]);
      expect(item.flaggedBy).toBe(row.scoreA >= 0.5 ? "a" : "b");
    }
    const onlyB = await get<{ total: number }>(`/api/compare/disagreements?a=${a}&b=${b}&threshold=0.5&side=onlyB&label=1`);
    expect(onlyB.body.total).toBe(expected.filter((r) => r.scoreB >= 0.5 && r.label === 1).length);
  });

  test("rows appended to B with ids only A had are matched on the next request (the pair is cached by version)", async () => {
    const before = await compare("threshold=0.5");
    const inB = new Set(pair.b.map((r) => r.id));
    const extra = pair.a.filter((r) => !inB.has(r.id)).slice(0, 25);
    const csv = ["transaction_id,timestamp,country,is_fraud,fraud_probability", ...extra.map((r) => [r.id, r.timestamp, r.country, r.label, r.score.toFixed(4)].join(","))].join("\n") + "\n";
    const appended = await fetch(`${baseUrl}/api/datasets/${b}/rows`, { method: "POST", headers: { "content-type": "text/csv" }, body: csv });
    expect(appended.status).toBe(201);
    const after = await compare("threshold=0.5");
    expect(after.matched).toBe(before.matched + 25);
    expect(after.onlyA).toBe(before.onlyA - 25);
  });
});

describe("an A/B test: datasets without a shared id", () => {
  test("compared as independent samples with Newcombe intervals and the traffic split checked", async () => {
    const arms = csvPair(3000, 9);
    const renamed = arms.csvB.replace(/tx-/g, "ab-");
    const first = await postCsv(baseUrl, arms.csvA, { ...mapping, name: "arm A" });
    const second = await postCsv(baseUrl, renamed, { ...mapping, name: "arm B" });
    const { status, body } = await get<Answer & { recall: { a: number; b: number; difference: number; interval: [number, number] }; sampleRatio: { rowsA: number; rowsB: number; chiSquare: number; mismatch: boolean } }>(`/api/compare?a=${first.body.id}&b=${second.body.id}&threshold=0.5`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: "unpaired", matched: 0 });
    const labelled = (rows: typeof arms.a) => rows.filter((r) => r.label !== "");
    const recall = (rows: typeof arms.a) => labelled(rows).filter((r) => r.label === "1" && Number(r.score.toFixed(4)) >= 0.5).length / labelled(rows).filter((r) => r.label === "1").length;
    expect(body.recall.a).toBeCloseTo(recall(arms.a), 12);
    expect(body.recall.b).toBeCloseTo(recall(arms.b), 12);
    expect(body.recall.interval[0]).toBeLessThan(body.recall.difference);
    expect(body.recall.interval[1]).toBeGreaterThan(body.recall.difference);
    const [nA, nB] = [labelled(arms.a).length, labelled(arms.b).length];
    expect([body.sampleRatio.rowsA, body.sampleRatio.rowsB]).toEqual([nA, nB]);
    expect(body.sampleRatio.chiSquare).toBeCloseTo((nA - (nA + nB) / 2) ** 2 / ((nA + nB) / 2) * 2, 9);
    const gallery = await get<{ error: { code: string } }>(`/api/compare/disagreements?a=${first.body.id}&b=${second.body.id}&threshold=0.5`);
    expect([gallery.status, gallery.body.error.code]).toEqual([400, "no_shared_ids"]);
  });
});

describe("bad comparisons", () => {
  test.each([
    ["b=2", 400, "a is required"],
    ["a=1&b=1", 400, "a and b must be two different datasets"],
    ["a=1&b=2&threshold=0.5&flagged=10", 400, "give one of threshold, flagged or reviews"],
    ["a=1&b=2&threshold=2", 400, "threshold must be between 0 and 1"],
    ["a=1&b=999999", 404, "dataset 999999 not found"],
  ])("?%s → %s (%s)", async (query, status, message) => {
    const response = await get<{ error: { message: string } }>(`/api/compare?${query}`);
    expect(response.status).toBe(status);
    expect(response.body.error.message).toContain(message);
  });
});

describe("models and versions", () => {
  test("a version's facts: PUT replaces them, GET reads them, bad ones are refused, DELETE forgets them", async () => {
    const put = (body: unknown) => fetch(`${baseUrl}/api/models/fraud-api/versions/int8`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await put({ format: "TF Lite", sizeMb: 12, latencyMs: 3.1, threshold: 0.45, notes: "int8" })).status).toBe(200);
    const read = await get(`/api/models/fraud-api/versions/int8`);
    expect(read.body).toMatchObject({ modelName: "fraud-api", version: "int8", format: "TF Lite", sizeMb: 12, latencyMs: 3.1, threshold: 0.45, notes: "int8" });
    const bad = await put({ sizeMb: -3 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("sizeMb must be 0 or more");
    // The version's threshold is the comparison's default (A is float32: 0.5; B's facts do not set it).
    expect((await compare("")).thresholdA).toBe(0.5);
    const list = await get<{ models: { name: string; versions: { version: string; facts: { sizeMb: number } | null; datasets: { id: number; threshold: number; flagRate: number }[] }[] }[] }>("/api/models");
    const model = list.body.models.find((m) => m.name === "fraud-api")!;
    expect(model.versions.map((v) => v.version)).toEqual(["float32", "int8"]);
    const int8 = model.versions[1];
    expect(int8.facts?.sizeMb).toBe(12);
    expect(int8.datasets[0]).toMatchObject({ id: b, threshold: 0.45 });
    expect((await fetch(`${baseUrl}/api/models/fraud-api/versions/int8`, { method: "DELETE" })).status).toBe(204);
    expect((await get(`/api/models/fraud-api/versions/int8`)).status).toBe(404);
  });

  test("PATCH /api/datasets/:id puts a dataset under a model and version, or takes it out", async () => {
    const patch = (body: unknown) => fetch(`${baseUrl}/api/datasets/${a}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const moved = (await (await patch({ version: "float32-v2" })).json()) as { modelName: string; modelVersion: string };
    expect(moved).toMatchObject({ modelName: "fraud-api", modelVersion: "float32-v2" });
    const out = (await (await patch({ model: null })).json()) as { modelName: string | null; modelVersion: string | null };
    expect(out).toMatchObject({ modelName: null, modelVersion: null });
    expect((await patch({ model: "fraud-api", version: "float32" })).status).toBe(200);
    expect((await patch({ colour: "red" })).status).toBe(400);
    expect((await patch({})).status).toBe(400);
  });
});
