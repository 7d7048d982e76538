import { after } from "next/server";
import { store } from "@/lib/db";
import { handle } from "@/lib/http";
import { importZipUpload } from "@/lib/imports";

export const dynamic = "force-dynamic";

/**
 * POST /api/datasets/zip — imports a .zip holding one CSV and the image files its image column
 * names (multipart `file` field, or a raw `application/zip` body), with the same mapping
 * parameters as POST /api/datasets. 201 with the dataset and `images: {stored, missing, rejected}`.
 */
export const POST = handle(async (request: Request) => {
  const imported = await importZipUpload(request);
  after(() => store().afterImport()); // once the answer is sent
  return Response.json(imported, { status: 201, headers: { Location: `/api/datasets/${imported.id}` } });
});
