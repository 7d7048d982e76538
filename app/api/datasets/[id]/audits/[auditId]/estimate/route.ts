import { handle, notFound, parseId, parseQuery, thresholdQuery } from "@/lib/http";
import { store } from "@/lib/db";
import { auditEstimate, auditStoryOf } from "@/lib/services/audit-estimates";
import { getAuditView } from "@/lib/services/audits";
import { settingsView } from "@/lib/story/settings";

export const dynamic = "force-dynamic";

/**
 * GET /api/datasets/:id/audits/:auditId/estimate?threshold=T — what the audit's labels say about
 * its whole frame at T (flagged: score >= T): `flagged`, `precision`, `recall`, `truePositives`,
 * `falsePositives`, `falseNegatives`, each `{estimate, lower, upper}` (95%), with `labeled`,
 * `size`, `rows`; `daily` and `sentences` in the dataset's saved words.
 */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string; auditId: string }> }) => {
  const p = await params;
  const [id, auditId] = [parseId(p.id), parseId(p.auditId, "audit")];
  const { threshold } = parseQuery(request, thresholdQuery);
  const [estimate, view, dataset] = await Promise.all([auditEstimate(id, auditId, threshold), getAuditView(id, auditId), store().datasets.get(id)]);
  if (!dataset) throw notFound(`dataset ${id}`);
  const story = auditStoryOf(estimate, view, settingsView(dataset).resolved);
  return Response.json({ ...estimate, auditId, daily: story.daily, sentences: story.sentences, volume: story.volume });
});
