import { after } from "next/server";
import { checkpointWal } from "@/lib/db/sqlite";
import { handle } from "@/lib/http";
import { importZipUpload } from "@/lib/images/import-zip";

export const dynamic = "force-dynamic";

/**
 * POST /api/datasets/zip — imports a .zip holding one CSV and the image files its image column
 * names (multipart `file` field, or a raw `application/zip` body), with the same mapping
 * parameters as POST /api/datasets. 201 with the dataset and `images: {stored, missing, rejected}`.
 */
export const POST = handle(async (request: Request) => {
  const imported = await importZipUpload(request);
  after(checkpointWal); // once the answer is sent (lib/db/sqlite.ts)
  return Response.json(imported, { status: 201, headers: { Location: `/api/datasets/${imported.id}` } });
});
