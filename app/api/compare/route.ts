import { compareQuerySchema } from "@/lib/compare/query";
import { handle, parseQuery } from "@/lib/http";
import { compareDatasets } from "@/lib/services/compare";

export const dynamic = "force-dynamic";

/**
 * GET /api/compare?a=A&b=B&threshold=T (or &flagged=K, or &reviews=R a day) — model B against
 * model A on the examples both datasets have (matched by example id), or as an A/B test when they
 * share none. Every difference is B − A. `pictures=0` leaves the histogram and density grid out.
 */
export const GET = handle(async (request: Request) => {
  const query = parseQuery(request, compareQuerySchema);
  const { answer } = await compareDatasets(query);
  if (query.pictures === "0" && answer.kind === "paired") return Response.json({ ...answer, histogram: undefined, density: undefined });
  return Response.json(answer);
});
