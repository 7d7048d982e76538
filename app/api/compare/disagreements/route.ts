import { compareQuerySchema, disagreementQuerySchema } from "@/lib/compare/query";
import { handle, parseQuery, queryObject } from "@/lib/http";
import { listDisagreements } from "@/lib/services/compare-gallery";

export const dynamic = "force-dynamic";

/**
 * GET /api/compare/disagreements?a=A&b=B&threshold=T (or flagged, reviews) [&side=onlyA|onlyB]
 * [&label=1|0][&limit=N&offset=K] — the matched examples exactly one model flags, largest score
 * difference first, as dataset A's examples (tags and notes are A's) with B's score.
 */
export const GET = handle(async (request: Request) => {
  const { side, label, limit, offset, ...rest } = queryObject(request);
  const query = parseQuery(request, compareQuerySchema, rest);
  const page = parseQuery(request, disagreementQuerySchema, { side, label, limit, offset });
  return Response.json(await listDisagreements(query, { side: page.side, label: page.label }, page.limit ?? 50, page.offset ?? 0));
});
