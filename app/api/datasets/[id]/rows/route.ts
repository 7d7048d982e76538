import { after } from "next/server";
import { z } from "zod";
import { config } from "@/lib/config";
import { store } from "@/lib/db";
import { HttpError, handle, parseId, parseQuery, requestBody } from "@/lib/http";
import { appendRows, compactAfterAppend, type RowsFormat } from "@/lib/imports/append";
import { warmDataset } from "@/lib/services/datasets";
import { checkContentLength } from "@/lib/imports/read-upload";
import { encodingParam } from "@/lib/imports/mapping-params";
import { scheduleAlertCheck } from "@/lib/services/alerts";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  duplicates: z.enum(["refuse", "skip"], { error: "duplicates must be refuse or skip" }).default("refuse"),
  filename: z.string().max(255).optional(),
  encoding: encodingParam.optional(),
});

/** The rows' format from the body's media type. */
function formatOf(request: Request): RowsFormat {
  const media = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (media === "application/x-ndjson" || media === "application/ndjson" || media === "application/jsonl") return "ndjson";
  if (media === "application/json") return "json";
  if (["", "text/csv", "text/plain", "application/csv", "application/gzip", "application/x-gzip", "application/octet-stream"].includes(media)) return "csv";
  throw new HttpError(415, "unsupported_media_type", `send the rows as text/csv (or gzip), application/x-ndjson or application/json, not ${media}`);
}

/**
 * POST /api/datasets/:id/rows — appends rows to a dataset (CSV, NDJSON or `{"rows": [...]}`),
 * matched to its columns by name; all or nothing; ids it already has are a 409 (or skipped with
 * `?duplicates=skip`). 201 with `{added, skipped, rows, positives, negatives, unlabeled, …}`.
 */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const query = parseQuery(request, querySchema);
  const format = formatOf(request);
  const maxBytes = config().MAX_UPLOAD_BYTES;
  checkContentLength(request, maxBytes);
  if (!request.body) throw new HttpError(400, "empty_file", "the request has no body: send the rows");
  const result = await appendRows(id, requestBody(request), { format, duplicates: query.duplicates, sourceFile: query.filename ?? null, encoding: query.encoding, maxBytes });
  after(async () => {
    store().afterImport();
    await compactAfterAppend(id);
    await warmDataset(id, { summary: false });
    await scheduleAlertCheck(id);
  });
  return Response.json(result, { status: 201 });
});
