/**
 * Audits through the service layer on a real SQLite file (the store, the writer, the caches):
 * a draw from the unlabelled rows, two reviewers on the queue, labels on items and rows, a frame
 * that stays frozen while labels and appends arrive, a top-up, estimates equal to the core's.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildFrame, estimateAt, frameOf, prepareEstimates } from "@/lib/audit";
import { seededRandom } from "@/lib/demo/random";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-audit-"));
process.env.DATABASE_URL = `file:${path.join(dir, "audit.db")}`;
process.env.CUTOFF_DEMO = "false";
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const { prepareDatabase } = await import("@/lib/services/prepare");
const { DatasetWriter } = await import("@/lib/db/sqlite/dataset-writer");
const { AppendWriter } = await import("@/lib/db/sqlite/append-writer");
const { store } = await import("@/lib/db");
const { getDatasetIndex } = await import("@/lib/db/score-index");
const audits = await import("@/lib/services/audits");
const review = await import("@/lib/services/audit-review");
const estimates = await import("@/lib/services/audit-estimates");
const frames = await import("@/lib/services/audit-frames");

const ROWS = 3000;
const random = seededRandom(99);
const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 1);
/** The truth the reviewers find: positives crowd the top scores. */
const truth = new Map<string, 0 | 1>();
let datasetId = 0;

function row(i: number, labelled: boolean) {
  const positive = random() < 0.05;
  const u = random();
  const score = Math.round((positive ? 1 - u * u * 0.9 : u * u * u) * 1e4) / 1e4;
  truth.set(`tx-${i}`, positive ? 1 : 0);
  return { row: i + 2, label: labelled ? (positive ? 1 : 0) : 255, score, exampleId: `tx-${i}`, timestamp: START + Math.floor((i / ROWS) * 10 * DAY), text: `transaction ${i}`, image: null, slices: JSON.stringify([i % 2 ? "FR" : "DE"]), extras: JSON.stringify([String(i)]) };
}

beforeAll(async () => {
  await prepareDatabase();
  const writer = new DatasetWriter({ name: "production", positiveLabel: "fraud", negativeLabel: "ok", mapping: { label: "is_fraud", score: "p", id: "tx", timestamp: "at", text: "memo", slices: ["country"], extras: ["n"] } });
  // A tenth of the rows arrive labelled (chargebacks): they are not in an audit's frame.
  for (let i = 0; i < ROWS; i++) writer.append(row(i, i % 10 === 0));
  datasetId = writer.finish().id;
});

describe("an audit end to end in one process", () => {
  let auditId = 0;

  test("draw: 120 rows of the 2,700 unlabelled, stratified, with the frame's marks", async () => {
    const view = await audits.drawDatasetAudit(datasetId, { size: 120, seed: 7, threshold: 0.5 });
    auditId = view.id;
    expect(view).toMatchObject({ size: 120, labeled: 0, remaining: 120, frameRows: 2700, rounds: 1, doubleReview: { share: 0.1, items: 12 } });
    expect(view.strata).toBeGreaterThan(3);
    const items = await store().audits.items(auditId);
    expect(items.map((i) => i.order)).toEqual(items.map((_, k) => k));
    const rows = await store().rows.byIds(datasetId, items.map((i) => i.predictionId));
    expect(rows.every((r) => r.label === null)).toBe(true);
    await expect(audits.drawDatasetAudit(datasetId, { size: 2701 })).rejects.toThrow("an audit of 2701 rows is more than the 2,700 unlabelled rows");
    await expect(audits.drawDatasetAudit(datasetId, { size: 5, from: START + 20 * DAY })).rejects.toThrow("no unlabelled rows in that time window");
  });

  test("queue: two reviewers never get the same item, and an item held for one comes back to them", async () => {
    const [ann, bob] = await Promise.all([review.auditQueue(datasetId, auditId, "ann", 10), review.auditQueue(datasetId, auditId, "bob", 10)]);
    const annIds = ann.items.map((i) => i.itemId);
    const bobIds = bob.items.map((i) => i.itemId);
    expect(annIds).toHaveLength(10);
    expect(bobIds).toHaveLength(10);
    expect(annIds.filter((id) => bobIds.includes(id))).toEqual([]);
    expect([...ann.items, ...bob.items].map((i) => i.order).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, k) => k));
    expect((await review.auditQueue(datasetId, auditId, "ann", 10)).items.map((i) => i.itemId)).toEqual(annIds);
    expect(ann.items[0]).toMatchObject({ review: "first", slices: { country: expect.any(String) }, text: expect.stringMatching(/^transaction /) });
    // After the hold, another reviewer may take them.
    const later = await review.auditQueue(datasetId, auditId, "cy", 5, Date.now() + review.HOLD_MS + 1);
    expect(later.items.map((i) => i.order)).toEqual([0, 1, 2, 3, 4]);
  });

  test("labels: on the item and on the row (source audit); the frame stays frozen; appends stay out", async () => {
    const items = await store().audits.items(auditId);
    const byId = new Map((await store().rows.byIds(datasetId, items.map((i) => i.predictionId))).map((r) => [r.id, r.exampleId!]));
    const frameBefore = await frames.rebuildFrame((await store().audits.get(datasetId, auditId))!);
    const first = items.slice(0, 60).map((i, k) => ({ exampleId: byId.get(i.predictionId)!, label: truth.get(byId.get(i.predictionId)!) === 1 ? (k % 2 ? "fraud" : "1") : (k % 2 ? "ok" : false), reviewer: k % 2 ? "ann" : "bob" }));
    const result = await review.labelAudit(datasetId, auditId, { labels: first }, null);
    expect(result).toMatchObject({ received: 60, rowsChanged: 60, labeled: 60, size: 120 });
    const rows = await store().rows.byIds(datasetId, items.slice(0, 60).map((i) => i.predictionId));
    expect(rows.map((r) => r.label)).toEqual(rows.map((r) => truth.get(r.exampleId!)));
    expect((await store().datasets.get(datasetId))!.unlabeled).toBe(2640);
    // Rows appended after the draw and labels set elsewhere change nothing in the frame.
    const append = new AppendWriter(datasetId, "refuse");
    append.begin({ name: "production", positiveLabel: "fraud", negativeLabel: "ok", mapping: { label: "is_fraud", score: "p", id: "tx", timestamp: "at", text: "memo", slices: ["country"], extras: ["n"] } });
    for (let i = ROWS; i < ROWS + 200; i++) append.append(row(i, false));
    append.finish();
    const audit = (await store().audits.get(datasetId, auditId))!;
    const frameAfter = await frames.rebuildFrame(audit);
    const idsOf = (built: typeof frameAfter) => {
      const frame = frameOf(built);
      return Array.from({ length: frame.rows }, (_, p) => frame.rowAt(p).id);
    };
    expect(idsOf(frameAfter)).toEqual(idsOf(frameBefore));
    expect(frameAfter.rows).toBe(2700);
    await expect(review.labelAudit(datasetId, auditId, { labels: [{ exampleId: "tx-0", label: "fraud" }, { exampleId: first[0].exampleId, label: "maybe" }] }, "ann")).rejects.toMatchObject({
      code: "invalid_labels",
      details: [{ row: 1, column: "exampleId", message: '"tx-0" is not an item of this audit' }, { row: 2, column: "label", message: expect.stringContaining('"maybe" is not a label of this dataset') }],
    });
  });

  test("estimates: the core's, from the stored design and labels, at any threshold", async () => {
    const audit = (await store().audits.get(datasetId, auditId))!;
    const items = await store().audits.items(auditId);
    const index = (await getDatasetIndex(datasetId))!;
    const frame = buildFrame(index.segments, { lastPredictionId: audit.lastPredictionId, from: null, to: null }, await store().audits.labelsBefore(datasetId, audit.lastLabelChangeId));
    const direct = prepareEstimates(frames.designOf(audit, items), frames.labelsOf(items), (t) => frameOf(frame).firstAtOrAbove(t));
    for (const t of [0, 0.05, 0.3337, 0.5, 0.9]) expect(await estimates.auditEstimate(datasetId, auditId, t)).toEqual(estimateAt(direct, t));
    const e = await estimates.auditEstimate(datasetId, auditId, 0.5);
    expect(e).toMatchObject({ rows: 2700, size: 120, labeled: 60 });
    expect(e.flagged.estimate).toBe(2700 - frameOf(frame).firstAtOrAbove(0.5));
  });

  test("undo and skip: the row is unlabelled again, a skipped item goes to the others", async () => {
    const items = await store().audits.items(auditId);
    const undo = await review.labelAudit(datasetId, auditId, { labels: [{ itemId: items[1].id, label: null, reviewer: "ann" }] }, null);
    expect(undo.results[0].kind).toBe("undo");
    expect((await store().rows.byIds(datasetId, [items[1].predictionId]))[0].label).toBeNull();
    const next = await review.auditQueue(datasetId, auditId, "dee", 1, Date.now() + 2 * review.HOLD_MS);
    expect(next.items[0].itemId).toBe(items[1].id);
    await review.skipAuditItem(datasetId, auditId, { itemId: items[1].id }, "dee");
    expect((await review.auditQueue(datasetId, auditId, "dee", 1, Date.now() + 2 * review.HOLD_MS)).items[0].itemId).not.toBe(items[1].id);
    expect((await review.auditQueue(datasetId, auditId, "eve", 1, Date.now() + 4 * review.HOLD_MS)).items[0].itemId).toBe(items[1].id);
  });

  test("top-up to 200: the first 120 keep their order, every π follows its stratum, the estimate's labels stay", async () => {
    const before = await store().audits.items(auditId);
    const view = await audits.topUpDatasetAudit(datasetId, auditId, 200);
    expect(view).toMatchObject({ size: 200, rounds: 2, labeled: 59 });
    const after = await store().audits.items(auditId);
    expect(after.slice(0, 120).map((i) => [i.predictionId, i.order, i.label])).toEqual(before.map((i) => [i.predictionId, i.order, i.label]));
    expect(after.slice(120).every((i) => i.round === 1 && i.label === null)).toBe(true);
    expect(new Set(after.map((i) => i.predictionId)).size).toBe(200);
    const design = JSON.parse((await store().audits.get(datasetId, auditId))!.design) as { strata: { rows: number; sampled: number }[] };
    for (const i of after) expect(i.inclusionProbability).toBeCloseTo(design.strata[i.stratum].sampled / design.strata[i.stratum].rows, 12);
    await expect(audits.topUpDatasetAudit(datasetId, auditId, 150)).rejects.toThrow("an audit of 200 rows cannot shrink to 150");
    expect((await estimates.auditEstimate(datasetId, auditId, 0.5)).labeled).toBe(59);
  });

  test("export: the labelled rows with weights that add up to each stratum's rows", async () => {
    const { csv } = await estimates.auditExportCsv(datasetId, auditId);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("tx,is_fraud,p,at,memo,country,n,audit_weight,audit_inclusion_probability,audit_stratum,audit_reviewer,audit_labelled_at");
    expect(lines).toHaveLength(60);
    const cells = lines.slice(1).map((l) => l.split(","));
    expect(new Set(cells.map((c) => c[1]))).toEqual(new Set(["fraud", "ok"]));
    const audit = (await store().audits.get(datasetId, auditId))!;
    const strata = (JSON.parse(audit.design) as { strata: { rows: number }[] }).strata;
    const sums = new Map<number, number>();
    for (const c of cells) sums.set(Number(c[9]), (sums.get(Number(c[9])) ?? 0) + Number(c[7]));
    for (const [h, sum] of sums) expect(sum).toBeCloseTo(strata[h].rows, 9);
  });

  test("the dataset's speaking audit: its weighted prevalence, and the story in its words", async () => {
    const found = (await estimates.datasetAudit(datasetId))!;
    expect(found.audit.id).toBe(auditId);
    expect(found.auditedRows).toBe(59);
    expect(found.prevalence.estimate).toBeGreaterThan(0);
    const dataset = (await store().datasets.get(datasetId))!;
    const story = (await estimates.datasetAuditStory(dataset, 0.5))!;
    expect(story.volume.source).toBe("timestamps");
    expect(story.sentences[0]).toMatch(/^(About|At most) [\d.,() –]+ fraud items missed a day, estimated from 59 of 200 audited items labelled so far\.$/);
  });
});
