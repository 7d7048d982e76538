/** The Review tab's calls to the audit API, and the shapes they answer (types from the services). */
import type { AuditDailyCounts, AuditEstimate, FrameVolume } from "@/lib/audit";
import type { AuditView } from "@/lib/services/audits";
import type { GivenLabel, QueueAnswer } from "@/lib/services/audit-review";
import { requestJson } from "@/app/ui/request";

export type { AuditView, GivenLabel, QueueAnswer };
export type { QueueItem } from "@/lib/services/audit-review";

/** GET …/estimate: the figures, with counts a day and sentences in the saved words. */
export type EstimateAnswer = AuditEstimate & { auditId: number; daily: AuditDailyCounts; sentences: string[]; volume: FrameVolume };

const base = (datasetId: number, auditId: number) => `/api/datasets/${datasetId}/audits/${auditId}`;

export const fetchQueue = (datasetId: number, auditId: number, reviewer: string, limit = 10) =>
  requestJson<QueueAnswer>(`${base(datasetId, auditId)}/queue?${new URLSearchParams({ reviewer, limit: String(limit) })}`, {}, "the next items could not be loaded");

export const sendLabel = (datasetId: number, auditId: number, itemId: number, label: 0 | 1 | null, reviewer: string) =>
  requestJson<{ labeled: number; size: number }>(`${base(datasetId, auditId)}/labels`, { method: "POST", body: JSON.stringify({ labels: [{ itemId, label, reviewer }] }) }, label === null ? "the label was not taken back" : "the label was not saved");

export const sendSkip = (datasetId: number, auditId: number, itemId: number, reviewer: string) =>
  requestJson<{ itemId: number }>(`${base(datasetId, auditId)}/skip`, { method: "POST", body: JSON.stringify({ itemId, reviewer }) }, "the item was not skipped");

export const fetchAudit = (datasetId: number, auditId: number) => requestJson<AuditView>(base(datasetId, auditId), {}, "the audit could not be loaded");

export const fetchLatestLabels = (datasetId: number, auditId: number, limit = 12) =>
  requestJson<{ labels: GivenLabel[] }>(`${base(datasetId, auditId)}/labels?limit=${limit}`, {}, "the latest labels could not be loaded");

export const fetchEstimate = (datasetId: number, auditId: number, threshold: number, signal?: AbortSignal) =>
  requestJson<EstimateAnswer>(`${base(datasetId, auditId)}/estimate?threshold=${threshold}`, { signal }, "the estimate could not be loaded");

export const topUp = (datasetId: number, auditId: number, size: number) =>
  requestJson<AuditView>(base(datasetId, auditId), { method: "PATCH", body: JSON.stringify({ size }) }, "the audit was not topped up");

export const exportHref = (datasetId: number, auditId: number) => `${base(datasetId, auditId)}/export`;

/** The body of a new audit, as the form sends it. */
export interface NewAuditBody {
  size: number;
  name?: string;
  from?: string;
  to?: string;
  threshold?: number;
  doubleReviewShare?: number;
}

export const createAudit = (datasetId: number, body: NewAuditBody) =>
  requestJson<AuditView>(`/api/datasets/${datasetId}/audits`, { method: "POST", body: JSON.stringify(body) }, "the audit was not drawn");
