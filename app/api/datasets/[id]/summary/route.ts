import { getDataset } from "@/lib/services/datasets";
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
  const { name, rows, positives, negatives, unlabeled, positiveShare, positiveLabel, negativeLabel, scoreMin, scoreMax, rocAuc, averagePrecision, brier } = d;
  return Response.json({ id, name, rows, positives, negatives, unlabeled, positiveShare, positiveLabel, negativeLabel, scoreMin, scoreMax, rocAuc, averagePrecision, brier });
});
