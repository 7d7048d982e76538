/**
 * An audit's frozen frame and its prepared estimator, rebuilt from the dataset's segments and
 * cached: the frame by audit (it never changes), the estimator by (audit, revision), so an
 * estimate at a dragged threshold is a binary search and a few beta quantiles.
 *
 * Why the frame is rebuilt, not stored: an audit records three numbers (the dataset's last row id
 * at the draw, the last label change id, the window) and the frame is every row up to that id, in
 * the window, not labelled as of that change (labels set since are read back from LabelChange's
 * oldLabel). Storing the frame's scores instead would cost 8 bytes a row per audit (80 MB for a
 * 10,000,000-row frame, 160 MB with its ids for top-ups); rebuilding it is one pass over the
 * segments the pages keep in memory anyway (bench/audit.ts measures both), and the frame it gives
 * is the segments' own arrays wherever a whole segment is in it (lib/audit runsFrame).
 */
import { frameOf, prepareEstimates, type AuditDesign, type AuditEstimator, type AuditFrame, type BuiltFrame } from "../audit";
import { compute } from "../workers/compute";
import { cachedByVersion } from "../cache";
import { store, type AuditItemRecord, type AuditRecord } from "../db";
import { getDatasetIndex, type DatasetIndex } from "../db/score-index";
import { totalScores } from "../metrics/score-table";
import { NOT_LABELLED } from "../metrics/segment";

/** The stored design (without its items) as JSON holds it. */
export type StoredDesign = Omit<AuditDesign<number>, "items">;

/** An audit's design with its items in queue order (an item's id is its row's prediction id). */
export function designOf(audit: AuditRecord, items: readonly AuditItemRecord[]): AuditDesign<number> {
  const stored = JSON.parse(audit.design) as StoredDesign;
  return {
    ...stored,
    size: items.length,
    items: items.map((i) => ({ id: i.predictionId, position: i.position, score: i.score, stratum: i.stratum, inclusionProbability: i.inclusionProbability, order: i.order, doubleReview: i.doubleReview, round: i.round })),
  };
}

/** The first-review labels of items, as the core reads them (1, 0, 255 not labelled). */
export const labelsOf = (items: readonly AuditItemRecord[]) => Uint8Array.from(items, (i) => (i.label === 0 || i.label === 1 ? i.label : NOT_LABELLED));

/** The largest prediction id among the segments (0 without rows). */
export const lastIdOf = (index: DatasetIndex) => index.refs.reduce((max, ref) => Math.max(max, ref.lastId), 0);

/** Rebuilds an audit's frame from the dataset as it is now; throws when it no longer matches. */
export async function rebuildFrame(audit: AuditRecord): Promise<BuiltFrame> {
  const [index, labelsBefore] = await Promise.all([getDatasetIndex(audit.datasetId), store().audits.labelsBefore(audit.datasetId, audit.lastLabelChangeId)]);
  if (!index) throw new Error(`dataset ${audit.datasetId} of audit ${audit.id} is gone`);
  const rows = totalScores(index.segments);
  const frame = await compute("auditFrame", rows, index.segments, { lastPredictionId: audit.lastPredictionId, from: audit.windowFrom, to: audit.windowTo }, labelsBefore);
  if (frame.rows !== audit.frameRows) throw new Error(`audit ${audit.id}: its frame had ${audit.frameRows} rows, the dataset now gives ${frame.rows}`);
  return frame;
}

const FRAMES = 4;

/** The audit's frame (cached): an estimate asks it for the rows below a threshold. */
export async function cachedFrame(audit: AuditRecord): Promise<AuditFrame<number>> {
  return cachedByVersion("audit-frame", audit.datasetId, 0, async () => frameOf(await rebuildFrame(audit)), { part: String(audit.id), limit: FRAMES });
}

/** Keeps a frame just built (a draw or a top-up) so the first estimate does not rebuild it. */
export async function rememberFrame(audit: AuditRecord, frame: AuditFrame<number>): Promise<void> {
  await cachedByVersion("audit-frame", audit.datasetId, 0, () => frame, { part: String(audit.id), limit: FRAMES });
}

/** An audit's items and its estimator at its current revision (cached by revision). */
export interface PreparedAudit {
  audit: AuditRecord;
  items: AuditItemRecord[];
  estimator: AuditEstimator;
}

/** An audit's items in queue order at its current revision (cached by revision). */
export async function auditItems(audit: AuditRecord): Promise<AuditItemRecord[]> {
  return cachedByVersion("audit-items", audit.datasetId, audit.revision, () => store().audits.items(audit.id), { part: String(audit.id), limit: 32 });
}

export async function preparedAudit(audit: AuditRecord): Promise<PreparedAudit> {
  return cachedByVersion(
    "audit-estimator",
    audit.datasetId,
    audit.revision,
    async () => {
      const [items, frame] = await Promise.all([auditItems(audit), cachedFrame(audit)]);
      const estimator = prepareEstimates(designOf(audit, items), labelsOf(items), (t) => frame.firstAtOrAbove(t));
      return { audit, items, estimator };
    },
    { part: String(audit.id), limit: 16 },
  );
}
