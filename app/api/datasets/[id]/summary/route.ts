import { getDataset } from "@/lib/db/datasets";
import { handle, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/datasets/:id/summary — row counts and the threshold-free figures (ROC AUC, average
 * precision, Brier score as scikit-learn defines them; null where a class is missing).
 */
export const GET = handle(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const d = await getDataset(id);
  if (!d) throw notFound(`dataset ${id}`);
  return Response.json({
    id: d.id,
    name: d.name,
    rows: d.rows,
    positives: d.positives,
    negatives: d.negatives,
    unlabeled: d.unlabeled,
    positiveShare: d.positiveShare,
    positiveLabel: d.positiveLabel,
    negativeLabel: d.negativeLabel,
    scoreMin: d.scoreMin,
    scoreMax: d.scoreMax,
    rocAuc: d.rocAuc,
    averagePrecision: d.averagePrecision,
    brier: d.brier,
  });
});
