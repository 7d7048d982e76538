import { after } from "next/server";
import { store } from "@/lib/db";
import { handle } from "@/lib/http";
import { importUpload, importZipUpload } from "@/lib/imports";
import { listDatasets, warmDataset } from "@/lib/services/datasets";

export const dynamic = "force-dynamic";

/** GET /api/datasets — every dataset, newest first. */
export const GET = handle(async () => Response.json({ datasets: await listDatasets() }));

/**
 * POST /api/datasets — imports a CSV (or .csv.gz): a `text/csv` body with the mapping as query
 * parameters, or `multipart/form-data` with the mapping fields and a `file` field. 201 with the
 * new dataset; 400 naming rows and columns for a bad file; 413 over MAX_UPLOAD_BYTES.
 * An `application/zip` body (a CSV with the images it names) goes to the same import as
 * POST /api/datasets/zip.
 */
export const POST = handle(async (request: Request) => {
  const zip = /^application\/(x-)?zip(-compressed)?\b/i.test(request.headers.get("content-type") ?? "");
  const imported = zip ? await importZipUpload(request) : await importUpload(request);
  after(async () => {
    // Once the answer is sent: the write-ahead log into the file, the new segments into memory.
    store().afterImport();
    await warmDataset(imported.id, { summary: true });
  });
  return Response.json(imported, { status: 201, headers: { Location: `/api/datasets/${imported.id}` } });
});
