/**
 * Reviewing an audit: the queue (items handed out in design order, each held for its reviewer),
 * labels (on the item, and the first review on the row through writeLabels: one truth per row),
 * skips, and the latest labels with who gave them.
 */
import { applyReview, type ReviewKind } from "../audit";
import type { AuditLabelsBody } from "../audit/schemas";
import { store, type AuditItemRecord, type DatasetView, type LabelChangeInput, type PredictionRecord } from "../db";
import { InvalidInputError, NotFoundError, type ProblemDetail } from "../errors";
import { serialized } from "../imports/queue";
import { LabelReader } from "../ingest/labels";
import { requireAudit } from "./audits";
import { zipColumns as zip } from "../db/views";

/** How long an item handed to a reviewer stays theirs. */
export const HOLD_MS = 5 * 60_000;

/** One item of the queue, with what the reviewer needs to judge it (the first review of a second look is not shown). */
export interface QueueItem {
  itemId: number;
  exampleId: string | null;
  predictionId: number;
  row: number;
  score: number;
  timestamp: string | null;
  text: string | null;
  image: string | null;
  slices: Record<string, string | null>;
  extras: Record<string, string | null>;
  stratum: number;
  inclusionProbability: number;
  order: number;
  /** "second": a doubly reviewed item someone else has labelled already. */
  review: "first" | "second";
  /** ISO 8601: the hold ends then. */
  heldUntil: string;
}

export interface QueueAnswer {
  items: QueueItem[];
  /** Items without a first label, and doubly reviewed items waiting for their second. */
  remaining: number;
  secondRemaining: number;
  size: number;
}


async function rowsOf(datasetId: number, items: readonly AuditItemRecord[]): Promise<Map<number, PredictionRecord>> {
  const records = await store().rows.byIds(datasetId, items.map((i) => i.predictionId));
  return new Map(records.map((r) => [r.id, r]));
}

/** Hands `reviewer` up to `limit` items (GET …/queue). */
export async function auditQueue(datasetId: number, auditId: number, reviewer: string, limit: number, now = Date.now()): Promise<QueueAnswer> {
  const audit = await requireAudit(datasetId, auditId);
  const [claim, layout] = await Promise.all([store().audits.claim(auditId, reviewer, limit, now, HOLD_MS), store().datasets.columnLayout(datasetId)]);
  const rows = await rowsOf(datasetId, claim.items);
  const items = claim.items.flatMap((item): QueueItem[] => {
    const r = rows.get(item.predictionId);
    if (!r) return [];
    return [{
      itemId: item.id, exampleId: r.exampleId, predictionId: r.id, row: r.row, score: item.score, timestamp: r.timestamp, text: r.text, image: r.image,
      slices: zip(layout?.slices ?? [], r.slices), extras: zip(layout?.extras ?? [], r.extras),
      stratum: item.stratum, inclusionProbability: item.inclusionProbability, order: item.order,
      review: item.label === 0 || item.label === 1 ? "second" : "first", heldUntil: new Date(item.heldUntil ?? now + HOLD_MS).toISOString(),
    }];
  });
  return { items, remaining: claim.remaining, secondRemaining: claim.secondRemaining, size: audit.size };
}

/** A label value as 1, 0 or null (undo), or a problem: the dataset's own values or 1/0/true/false. */
function readLabel(value: string | number | boolean | null, dataset: DatasetView): 0 | 1 | null | string {
  if (value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  const reader = new LabelReader("label", [], undefined, { positive: dataset.positiveLabel, negative: dataset.negativeLabel });
  const text = String(value);
  if (text.trim() === "") return "the label is empty (send null to take a label back)";
  const read = reader.read(text);
  return typeof read === "number" && (read === 0 || read === 1) ? read : typeof read === "string" ? read : `${JSON.stringify(text)} is not a label of this dataset`;
}

/** What POST …/labels did. */
export interface AuditLabelsResult {
  received: number;
  /** Per label sent, in order: its item and what the label did. */
  results: { itemId: number; exampleId: string | null; kind: ReviewKind }[];
  /** Rows whose label changed (first reviews and their corrections or undos). */
  rowsChanged: number;
  labeled: number;
  size: number;
}

/**
 * Labels audit items, all or nothing: an unknown example, an item sent twice or a value that is not
 * a label is a 400 naming its entry (row = its place in the list, from 1). See lib/audit/reviews.ts
 * for first reviews, second reviews, corrections and undos.
 */
export async function labelAudit(datasetId: number, auditId: number, body: AuditLabelsBody, queryReviewer: string | null): Promise<AuditLabelsResult> {
  await requireAudit(datasetId, auditId);
  const dataset = await store().datasets.get(datasetId);
  if (!dataset) throw new NotFoundError(`dataset ${datasetId}`);
  const exampleIds = [...new Set(body.labels.flatMap((l) => (l.exampleId === undefined ? [] : [l.exampleId])))];
  const byExample = exampleIds.length ? await store().rows.predictionIdsOf(datasetId, exampleIds) : new Map<string, number>();
  return serialized(async () => {
    const items = await store().audits.items(auditId);
    const byId = new Map(items.map((i) => [i.id, i]));
    const byPrediction = new Map(items.map((i) => [i.predictionId, i]));
    const problems: ProblemDetail[] = [];
    const seen = new Set<number>();
    const now = Date.now();
    const planned = body.labels.flatMap((entry, k) => {
      const row = k + 1;
      const prediction = entry.exampleId === undefined ? undefined : byExample.get(entry.exampleId);
      const item = entry.itemId !== undefined ? byId.get(entry.itemId) : prediction === undefined ? undefined : byPrediction.get(prediction);
      const what = entry.itemId !== undefined ? `item ${entry.itemId}` : JSON.stringify(entry.exampleId);
      if (!item) problems.push({ row, column: entry.itemId !== undefined ? "itemId" : "exampleId", message: `${what} is not an item of this audit` });
      else if (seen.has(item.id)) problems.push({ row, column: "exampleId", message: `${what} appears twice` });
      const label = readLabel(entry.label, dataset);
      if (typeof label === "string") problems.push({ row, column: "label", message: label });
      if (!item || typeof label === "string" || seen.has(item.id)) return [];
      seen.add(item.id);
      const reviewer = entry.reviewer ?? body.reviewer ?? queryReviewer;
      return [{ item, exampleId: entry.exampleId ?? null, reviewer, outcome: applyReview(item, { label, reviewer, at: now }) }];
    });
    if (problems.length) throw new InvalidInputError(`label ${problems[0].row}, ${problems[0].column}: ${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}`, "invalid_labels", problems);
    const rowChanges: LabelChangeInput[] = planned.flatMap((p) => (p.outcome.rowLabel === undefined ? [] : [{ predictionId: p.item.predictionId, label: p.outcome.rowLabel, reviewer: p.reviewer }]));
    const written = rowChanges.length ? await store().writeLabels(datasetId, rowChanges, { source: "audit", reviewer: queryReviewer ?? body.reviewer ?? null }) : { changed: 0 };
    const updates = planned.filter((p) => p.outcome.kind !== "unchanged").map((p) => ({ id: p.item.id, ...p.outcome.next }));
    if (updates.length) await store().audits.saveReviews(auditId, updates);
    const after = new Map(updates.map((u) => [u.id, u.label]));
    const labeled = items.filter((i) => (after.has(i.id) ? after.get(i.id) : i.label) !== null).length;
    return { received: body.labels.length, results: planned.map((p) => ({ itemId: p.item.id, exampleId: p.exampleId, kind: p.outcome.kind })), rowsChanged: written.changed, labeled, size: items.length };
  });
}

/** Releases an item the reviewer skipped: it goes back to the queue for the others. */
export async function skipAuditItem(datasetId: number, auditId: number, target: { itemId?: number; exampleId?: string }, reviewer: string): Promise<{ itemId: number }> {
  await requireAudit(datasetId, auditId);
  let itemId = target.itemId;
  if (itemId === undefined && target.exampleId !== undefined) {
    const prediction = (await store().rows.predictionIdsOf(datasetId, [target.exampleId])).get(target.exampleId);
    itemId = (await store().audits.items(auditId)).find((i) => i.predictionId === prediction)?.id;
  }
  if (itemId === undefined || !(await store().audits.skip(auditId, itemId, reviewer))) throw new NotFoundError(`item ${target.itemId ?? JSON.stringify(target.exampleId)} of audit ${auditId}`);
  return { itemId };
}

/** One label given in an audit, for "who labelled what". */
export interface GivenLabel {
  itemId: number;
  exampleId: string | null;
  row: number;
  /** The dataset's own label value, and 1 (positive) or 0. */
  label: string;
  value: 0 | 1;
  reviewer: string | null;
  review: "first" | "second";
  /** ISO 8601. */
  at: string;
}

/** The latest labels of an audit (first and second reviews), newest first. */
export async function latestAuditLabels(datasetId: number, auditId: number, limit = 20): Promise<GivenLabel[]> {
  await requireAudit(datasetId, auditId);
  const dataset = await store().datasets.get(datasetId);
  const items = await store().audits.items(auditId);
  const given = items.flatMap((i) => [
    ...(i.label !== null && i.labeledAt !== null ? [{ item: i, label: i.label, reviewer: i.reviewer, at: i.labeledAt, review: "first" as const }] : []),
    ...(i.secondLabel !== null && i.secondLabeledAt !== null ? [{ item: i, label: i.secondLabel, reviewer: i.secondReviewer, at: i.secondLabeledAt, review: "second" as const }] : []),
  ]).sort((a, b) => b.at - a.at || b.item.order - a.item.order).slice(0, limit);
  const rows = await rowsOf(datasetId, given.map((g) => g.item));
  return given.map((g) => ({
    itemId: g.item.id, exampleId: rows.get(g.item.predictionId)?.exampleId ?? null, row: rows.get(g.item.predictionId)?.row ?? 0,
    label: g.label === 1 ? dataset?.positiveLabel ?? "1" : dataset?.negativeLabel ?? "0", value: g.label === 1 ? 1 : 0, reviewer: g.reviewer, review: g.review, at: new Date(g.at).toISOString(),
  }));
}
