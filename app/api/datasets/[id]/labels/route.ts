import { after } from "next/server";
import { z } from "zod";
import { store } from "@/lib/db";
import { HttpError, handle, notFound, parseId, parseQuery, requestBody } from "@/lib/http";
import { labelsFromCsv, labelsFromJson, setLabels } from "@/lib/imports/labels";
import { scheduleAlertCheck } from "@/lib/services/alerts";

export const dynamic = "force-dynamic";

const querySchema = z.object({ reviewer: z.string().trim().max(80).optional() });

/**
 * POST /api/datasets/:id/labels — sets the labels of existing rows by example id: a CSV with the
 * dataset's id and label columns, or `{"labels": [{"exampleId", "label"}]}`. All or nothing; an
 * unknown id or a third label value is a 400 naming its rows. → `{received, changed, positives, …}`.
 */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const { reviewer } = parseQuery(request, querySchema);
  const dataset = await store().datasets.get(id);
  if (!dataset) throw notFound(`dataset ${id}`);
  const media = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  let labels;
  if (media === "application/json") {
    const body: unknown = await request.json().catch(() => {
      throw new HttpError(400, "invalid_json", 'the request body must be JSON like {"labels": [{"exampleId": "…", "label": "…"}]}');
    });
    labels = labelsFromJson(body);
  } else if (media === "" || media === "text/csv" || media === "text/plain") {
    if (!request.body) throw new HttpError(400, "empty_file", "the request has no body: send the labels");
    const mapping = dataset.mapping as { id?: string; label?: string };
    labels = await labelsFromCsv(requestBody(request), mapping.id ?? "exampleId", mapping.label ?? "label");
  } else {
    throw new HttpError(415, "unsupported_media_type", `send the labels as text/csv or application/json, not ${media}`);
  }
  const result = await setLabels(id, labels, { reviewer: reviewer ?? null });
  // Labels change misses and false alarms: the alert rules are checked again once the answer is sent.
  after(() => scheduleAlertCheck(id));
  return Response.json(result);
});
