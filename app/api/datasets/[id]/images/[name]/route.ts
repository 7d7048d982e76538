import { handle, notFound, parseId } from "@/lib/http";
import { readDatasetImage } from "@/lib/images/store";

export const dynamic = "force-dynamic";

/** GET /api/datasets/:id/images/:name — an image stored from the dataset's .zip upload. */
export const GET = handle(async (_req: Request, { params }: { params: Promise<{ id: string; name: string }> }) => {
  const p = await params;
  const id = parseId(p.id);
  const name = p.name;
  const image = readDatasetImage(id, name);
  if (!image) throw notFound(`image ${JSON.stringify(name)} of dataset ${id}`);
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.type,
      "Content-Length": String(image.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=3600",
    },
  });
});
