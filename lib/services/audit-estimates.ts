/**
 * What an audit says: estimates at any threshold (cached estimator: a dragged threshold costs a
 * binary search and a few beta quantiles), the audit that speaks for a dataset on its pages, and
 * the labelled rows with their sampling weights as CSV.
 */
import { auditDailyCounts, auditSentences, estimateAt, frameRowsPerDay, retrainingRows, type AuditDailyCounts, type AuditEstimate, type Figure, type FrameVolume } from "../audit";
import { store, type DatasetView } from "../db";
import { toCsv } from "../export/csv";
import { NotFoundError } from "../errors";
import { settingsView, type ResolvedSettings } from "../story/settings";
import { auditItems, designOf, labelsOf, preparedAudit } from "./audit-frames";
import { auditView, type AuditView } from "./audits";

/** The audit's estimate at `threshold` (flagged: score >= threshold) for its whole frame. */
export async function auditEstimate(datasetId: number, auditId: number, threshold: number): Promise<AuditEstimate> {
  const audit = await store().audits.get(datasetId, auditId);
  if (!audit) throw new NotFoundError(`audit ${auditId} of dataset ${datasetId}`);
  return estimateAt((await preparedAudit(audit)).estimator, threshold);
}

/** An estimate with its counts a day and its sentences in the dataset's words. */
export interface AuditStory {
  estimate: AuditEstimate;
  daily: AuditDailyCounts;
  sentences: string[];
  volume: FrameVolume;
}

/** The frame's rows a day for the story (the saved volume, else the frame's own timestamps). */
export const auditVolume = (view: Pick<AuditView, "frameRows" | "frameTimeMin" | "frameTimeMax">, s: ResolvedSettings): FrameVolume =>
  frameRowsPerDay({ rows: view.frameRows, timeMin: view.frameTimeMin === null ? null : Date.parse(view.frameTimeMin), timeMax: view.frameTimeMax === null ? null : Date.parse(view.frameTimeMax) }, s);

/** The estimate in words: counts a day with ranges, per the dataset's saved settings. */
export function auditStoryOf(estimate: AuditEstimate, view: AuditView, s: ResolvedSettings): AuditStory {
  const volume = auditVolume(view, s);
  return { estimate, volume, daily: auditDailyCounts(estimate, volume.perDay), sentences: auditSentences(estimate, { vocabulary: s.vocabulary, period: s.period, frameRowsPerDay: volume.perDay }) };
}

/** What the pages of an audited dataset show from its audit. */
export interface DatasetAudit {
  audit: AuditView;
  /** Rows of the dataset whose label came from one of its audits (first reviews). */
  auditedRows: number;
  /** The positive share of the frame, weighted (the estimate with everything flagged). */
  prevalence: Figure;
}

/**
 * The audit that speaks for a dataset: its newest audit with at least one label (null when it has
 * none). When it exists, the dataset's labelled rows hold a weighted sample, so no page may count
 * them as if they were a random one.
 */
export async function datasetAudit(datasetId: number): Promise<DatasetAudit | null> {
  const audits = await store().audits.list(datasetId);
  let auditedRows = 0;
  let speaking: DatasetAudit["audit"] | null = null;
  let prevalence: Figure | null = null;
  for (const audit of audits) {
    const items = await auditItems(audit);
    const labeled = items.filter((i) => i.label === 0 || i.label === 1).length;
    auditedRows += labeled;
    if (!speaking && labeled > 0) {
      speaking = auditView(audit, items);
      prevalence = estimateAt((await preparedAudit(audit)).estimator, 0).precision;
    }
  }
  return speaking && prevalence ? { audit: speaking, auditedRows, prevalence } : null;
}

/** The story of the dataset's speaking audit at a threshold, in its saved words; null when it has no labelled audit. */
export async function datasetAuditStory(dataset: DatasetView, threshold: number, settings: ResolvedSettings = settingsView(dataset).resolved): Promise<(AuditStory & DatasetAudit) | null> {
  const found = await datasetAudit(dataset.id);
  if (!found) return null;
  return { ...found, ...auditStoryOf(await auditEstimate(dataset.id, found.audit.id, threshold), found.audit, settings) };
}

/**
 * The audit's labelled rows as CSV for retraining: the dataset's own columns (id, label as the
 * dataset's value, score, timestamp, text, image, slices, extras, under their names, so the file
 * imports as a dataset) and the sampling columns: audit_weight (frame rows the row stands for,
 * N_h / m_h), audit_inclusion_probability (π = n_h / N_h), audit_stratum, audit_reviewer,
 * audit_labelled_at. Cells are neutralised against formulas (lib/export/csv).
 */
export async function auditExportCsv(datasetId: number, auditId: number): Promise<{ name: string; csv: string }> {
  const [audit, dataset, layout] = await Promise.all([store().audits.get(datasetId, auditId), store().datasets.get(datasetId), store().datasets.columnLayout(datasetId)]);
  if (!audit || !dataset || !layout) throw new NotFoundError(`audit ${auditId} of dataset ${datasetId}`);
  const { items } = await preparedAudit(audit);
  const weighted = retrainingRows(designOf(audit, items), labelsOf(items));
  const itemOf = new Map(items.map((i) => [i.predictionId, i]));
  const records = new Map((await store().rows.byIds(datasetId, weighted.map((w) => w.id))).map((r) => [r.id, r]));
  const m = dataset.mapping as { id?: string | null; label?: string; score?: string; timestamp?: string | null; text?: string | null; image?: string | null };
  const arrayOf = (json: string | null | undefined, n: number): (string | null)[] => {
    try {
      const parsed: unknown = json ? JSON.parse(json) : [];
      return Array.from({ length: n }, (_, k) => (Array.isArray(parsed) && parsed[k] !== null && parsed[k] !== undefined ? String(parsed[k]) : null));
    } catch {
      return new Array<string | null>(n).fill(null);
    }
  };
  const header = [m.id ?? "example_id", m.label ?? "label", m.score ?? "score", ...(m.timestamp ? [m.timestamp] : []), ...(m.text ? [m.text] : []), ...(m.image ? [m.image] : []), ...layout.slices, ...layout.extras,
    "audit_weight", "audit_inclusion_probability", "audit_stratum", "audit_reviewer", "audit_labelled_at"];
  const lines = weighted.map((w) => {
    const r = records.get(w.id);
    const item = itemOf.get(w.id);
    return [
      r?.exampleId ?? null, w.label === 1 ? dataset.positiveLabel : dataset.negativeLabel, w.score,
      ...(m.timestamp ? [r?.timestamp ?? null] : []), ...(m.text ? [r?.text ?? null] : []), ...(m.image ? [r?.image ?? null] : []),
      ...arrayOf(r?.slices, layout.slices.length), ...arrayOf(r?.extras, layout.extras.length),
      w.weight, w.inclusionProbability, w.stratum, item?.reviewer ?? null, item?.labeledAt ? new Date(item.labeledAt).toISOString() : null,
    ];
  });
  return { name: audit.name, csv: toCsv(header, lines) };
}
