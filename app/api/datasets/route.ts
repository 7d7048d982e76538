import { listDatasets } from "@/lib/db/datasets";
import { handle } from "@/lib/http";
import { importUpload } from "@/lib/upload/import-upload";

export const dynamic = "force-dynamic";

/** GET /api/datasets — every dataset, newest first. */
export const GET = handle(async () => Response.json({ datasets: await listDatasets() }));

/**
 * POST /api/datasets — imports a CSV (or .csv.gz): a `text/csv` body with the mapping as query
 * parameters, or `multipart/form-data` with the mapping fields and a `file` field. 201 with the
 * new dataset; 400 naming rows and columns for a bad file; 413 over MAX_UPLOAD_BYTES.
 */
export const POST = handle(async (request: Request) => {
  const imported = await importUpload(request);
  return Response.json(imported, { status: 201, headers: { Location: `/api/datasets/${imported.id}` } });
});
