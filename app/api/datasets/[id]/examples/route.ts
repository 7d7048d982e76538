import { exportExampleSlices, listExamples } from "@/lib/db/examples";
import { examplesCsvHeader, examplesCsvLines } from "@/lib/gallery/export-csv";
import { parseExamplesQuery } from "@/lib/gallery/schemas";
import { handle, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/datasets/:id/examples?threshold=T&kind=fp|fn|tp|tn&sort=COL&order=asc|desc&limit=N&offset=K
 * (+ `slice.<column>=<value>`, `q=<text>`) → `{ total, threshold, kind, items }`; `format=csv` exports
 * every matching example (tags and notes included) as a spreadsheet-safe CSV file.
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const { query, limit, offset, format } = parseExamplesQuery(req);
  if (format === "csv") {
    const exported = await exportExampleSlices(id, query);
    if (!exported) throw notFound(`dataset ${id}`);
    const { layout, slices } = exported;
    const encoder = new TextEncoder();
    // Streamed a slice of examples at a time: a 100,000-row export never holds the event loop long.
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(encoder.encode(examplesCsvHeader(layout))),
      pull: async (controller) => {
        const next = await slices.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(examplesCsvLines(query.kind, layout, next.value)));
      },
      cancel: async () => void (await slices.return(undefined)),
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="dataset-${id}-${query.kind}-t${query.threshold}.csv"`,
      },
    });
  }
  const page = await listExamples(id, query, { limit, offset });
  if (!page) throw notFound(`dataset ${id}`);
  return Response.json(page);
});
