/**
 * Manual audits: drawing one from a dataset's unlabelled rows, topping it up, and what it shows
 * (progress, reviewers, agreement). The design is lib/audit's; the frame and estimator caches are
 * in audit-frames.ts, the queue and labels in audit-review.ts, the estimates in audit-estimates.ts.
 */
import crypto from "node:crypto";
import { cohensKappa, drawAudit, frameOf, kappaPairs, reviewerTallies, topUpAudit, type Agreement, type AuditDesign, type ReviewerTally } from "../audit";
import type { DrawBody } from "../audit/schemas";
import { store, type AuditItemRecord, type AuditRecord, type NewAuditItem } from "../db";
import { getDatasetIndex } from "../db/score-index";
import { totalScores } from "../metrics/score-table";
import { InvalidInputError, NotFoundError } from "../errors";
import { compute } from "../workers/compute";
import { auditItems, designOf, lastIdOf, rebuildFrame, rememberFrame, type StoredDesign } from "./audit-frames";

/** An audit as the API and the pages show it. */
export interface AuditView {
  id: number;
  datasetId: number;
  name: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Rows drawn (n), labelled (first reviews), still to label, and skipped at least once without a label. */
  size: number;
  labeled: number;
  remaining: number;
  skipped: number;
  /** Rows of the frame (N): the dataset's rows not labelled when the audit was drawn, in its window. */
  frameRows: number;
  window: { from: string | null; to: string | null };
  /** The first and last timestamp of the frame's rows. */
  frameTimeMin: string | null;
  frameTimeMax: string | null;
  strata: number;
  /** Draws: 1, plus one per top-up. */
  rounds: number;
  doubleReview: { share: number; items: number; reviewed: number; waiting: number };
  reviewers: ReviewerTally[];
  /** Cohen's κ of the doubly reviewed items (unweighted: agreement on the rows seen). */
  agreement: Agreement;
  revision: number;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const has = (x: number | null) => x === 0 || x === 1;

export function auditView(audit: AuditRecord, items: readonly AuditItemRecord[]): AuditView {
  const design = JSON.parse(audit.design) as StoredDesign;
  const labeled = items.filter((i) => has(i.label)).length;
  const doubles = items.filter((i) => i.doubleReview);
  const reviewedTwice = doubles.filter((i) => has(i.label) && has(i.secondLabel)).length;
  return {
    id: audit.id,
    datasetId: audit.datasetId,
    name: audit.name,
    createdAt: new Date(audit.createdAt).toISOString(),
    size: items.length,
    labeled,
    remaining: items.length - labeled,
    skipped: items.filter((i) => i.skips > 0 && !has(i.label)).length,
    frameRows: audit.frameRows,
    window: { from: iso(audit.windowFrom), to: iso(audit.windowTo) },
    frameTimeMin: iso(audit.frameTimeMin),
    frameTimeMax: iso(audit.frameTimeMax),
    strata: design.strata.length,
    rounds: design.rounds,
    doubleReview: { share: design.rule.doubleReviewShare, items: doubles.length, reviewed: reviewedTwice, waiting: doubles.length - reviewedTwice },
    reviewers: reviewerTallies(items),
    agreement: cohensKappa(kappaPairs(items)),
    revision: audit.revision,
  };
}

/** The audit of a dataset, or NotFoundError. */
export async function requireAudit(datasetId: number, auditId: number): Promise<AuditRecord> {
  const audit = await store().audits.get(datasetId, auditId);
  if (!audit) throw new NotFoundError(`audit ${auditId} of dataset ${datasetId}`);
  return audit;
}

export async function getAuditView(datasetId: number, auditId: number): Promise<AuditView> {
  const audit = await requireAudit(datasetId, auditId);
  return auditView(audit, await auditItems(audit));
}

/** The dataset's audits, newest first; null without the dataset. */
export async function listAudits(datasetId: number): Promise<AuditView[] | null> {
  if ((await store().datasets.version(datasetId)) === null) return null;
  const audits = await store().audits.list(datasetId);
  return Promise.all(audits.map(async (a) => auditView(a, await auditItems(a))));
}

const chains = ((globalThis as unknown as { cutoffAuditChains?: Map<string, Promise<unknown>> }).cutoffAuditChains ??= new Map());

/**
 * Runs `task` after the earlier tasks of the same key in this process (draws of one dataset,
 * top-ups of one audit), without waiting for imports. Across processes the unique (audit, order)
 * and (audit, row) indexes refuse a second top-up drawn from the same state.
 */
function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (chains.get(key) ?? Promise.resolve()).then(task, task);
  const tail = run.catch(() => undefined);
  chains.set(key, tail);
  void tail.then(() => chains.get(key) === tail && chains.delete(key));
  return run;
}

const storedDesign = ({ items: _items, ...rest }: AuditDesign<number>): string => JSON.stringify(rest);
const newItems = (design: AuditDesign<number>, from: number): NewAuditItem[] =>
  design.items.slice(from).map((i) => ({ predictionId: i.id, position: i.position, score: i.score, stratum: i.stratum, inclusionProbability: i.inclusionProbability, order: i.order, round: i.round, doubleReview: i.doubleReview }));

/**
 * Draws an audit of `body.size` rows from the dataset's rows not labelled now (within
 * [from, to) of their timestamps when given), stratified by score (lib/audit drawAudit), and
 * stores it with the marks that freeze its frame. Throws NotFoundError, or InvalidInputError for a
 * window on a dataset without timestamps, an empty frame or a size larger than the frame.
 */
export async function drawDatasetAudit(datasetId: number, body: DrawBody): Promise<AuditView> {
  const dataset = await store().datasets.get(datasetId);
  if (!dataset) throw new NotFoundError(`dataset ${datasetId}`);
  const windowed = body.from !== undefined || body.to !== undefined;
  if (windowed && !(dataset.mapping as { timestamp?: string | null }).timestamp) throw new InvalidInputError("this dataset has no timestamp column, so an audit cannot be limited to a time window (leave out from and to)", "no_timestamp_column");
  return oneAtATime(`draw ${datasetId}`, async () => {
    // The label mark first, then the rows: labels set in between are read back from the history.
    const lastLabelChangeId = await store().audits.lastLabelChangeId();
    const index = await getDatasetIndex(datasetId);
    if (!index) throw new NotFoundError(`dataset ${datasetId}`);
    const spec = { lastPredictionId: lastIdOf(index), from: body.from ?? null, to: body.to ?? null };
    // A pass over every row (a merge of several segments): off the app's thread for a large dataset.
    const built = await compute("auditFrame", totalScores(index.segments), index.segments, spec, await store().audits.labelsBefore(datasetId, lastLabelChangeId));
    const { rows } = built;
    const frame = frameOf(built);
    if (rows === 0) throw new InvalidInputError(windowed ? "no unlabelled rows in that time window: there is nothing to audit" : "every row of this dataset is labelled: there is nothing to audit", "nothing_to_audit");
    if (body.size > rows) throw new InvalidInputError(`an audit of ${body.size} rows is more than the ${rows.toLocaleString("en-US")} unlabelled rows${windowed ? " in that window" : ""}`, "audit_too_large");
    const seed = body.seed ?? crypto.randomInt(0, 2 ** 32 - 1);
    const design = drawAudit(frame, { size: body.size, seed, thresholds: body.threshold === undefined ? [] : [body.threshold], rule: body.doubleReviewShare === undefined ? {} : { doubleReviewShare: body.doubleReviewShare } });
    const count = (await store().audits.list(datasetId)).length;
    const created = await store().audits.create(datasetId, {
      name: body.name ?? `Audit ${count + 1}`,
      frameRows: rows,
      ...spec,
      windowFrom: spec.from,
      windowTo: spec.to,
      lastLabelChangeId,
      frameTimeMin: built.timeMin,
      frameTimeMax: built.timeMax,
      design: storedDesign(design),
      items: newItems(design, 0),
    });
    if (!created) throw new NotFoundError(`dataset ${datasetId}`);
    await rememberFrame(created, frame);
    return auditView(created, await auditItems(created));
  });
}

/**
 * Raises an audit to `size` rows (lib/audit topUpAudit: the strata and what each holds stay, the
 * new rows are a simple random sample of each stratum's rows not drawn yet, every π updated).
 * The new rows join the end of the queue. A size below the current one is a 400.
 */
export async function topUpDatasetAudit(datasetId: number, auditId: number, size: number): Promise<AuditView> {
  return oneAtATime(`audit ${auditId}`, async () => {
    const audit = await requireAudit(datasetId, auditId);
    const items = await store().audits.items(auditId);
    if (size < items.length) throw new InvalidInputError(`an audit of ${items.length} rows cannot shrink to ${size}`, "audit_cannot_shrink");
    if (size > audit.frameRows) throw new InvalidInputError(`an audit of ${size} rows is more than the ${audit.frameRows.toLocaleString("en-US")} rows it is drawn from`, "audit_too_large");
    if (size === items.length) return auditView(audit, items);
    const frame = frameOf(await rebuildFrame(audit));
    const design = topUpAudit(designOf(audit, items), frame, size);
    const updated = await store().audits.topUp(auditId, {
      size,
      design: storedDesign(design),
      inclusionProbabilities: design.strata.map((s) => s.sampled / s.rows),
      items: newItems(design, items.length),
    });
    if (!updated) throw new NotFoundError(`audit ${auditId} of dataset ${datasetId}`);
    await rememberFrame(updated, frame);
    return auditView(updated, await auditItems(updated));
  });
}

export async function renameAudit(datasetId: number, auditId: number, name: string): Promise<AuditView> {
  await requireAudit(datasetId, auditId);
  const renamed = await store().audits.rename(auditId, name);
  if (!renamed) throw new NotFoundError(`audit ${auditId} of dataset ${datasetId}`);
  return auditView(renamed, await auditItems(renamed));
}
