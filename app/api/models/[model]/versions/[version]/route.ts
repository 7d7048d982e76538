import { store } from "@/lib/db";
import { handle, HttpError, notFound, readBody } from "@/lib/http";
import { factsOf, modelFactsSchema, modelNameValue } from "@/lib/models";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ model: string; version: string }> };

/** A path segment as text (Next may hand it over still percent-encoded). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route's model and version, decoded and checked (a 400 names the bad one). */
async function namesOf({ params }: Context): Promise<{ model: string; version: string }> {
  const { model, version } = await params;
  const names = { model: decoded(model), version: decoded(version) };
  for (const [what, value] of Object.entries(names)) {
    const checked = modelNameValue.safeParse(value);
    if (!checked.success) throw new HttpError(400, "invalid_request", `invalid ${what}: ${checked.error.issues[0].message}`);
  }
  return { model: names.model.trim(), version: names.version.trim() };
}

/** GET /api/models/:model/versions/:version — the version's facts; 404 when none are stored. */
export const GET = handle(async (_req: Request, context: Context) => {
  const { model, version } = await namesOf(context);
  const found = await store().models.get(model, version);
  if (!found) throw notFound(`facts of ${model} ${version}`);
  return Response.json(found);
});

/**
 * PUT /api/models/:model/versions/:version `{"format", "sizeMb", "latencyMs", "threshold", "notes"}`
 * — replaces the version's facts (a field left out is unknown).
 */
export const PUT = handle(async (request: Request, context: Context) => {
  const { model, version } = await namesOf(context);
  const facts = factsOf(await readBody(request, modelFactsSchema));
  return Response.json(await store().models.save(model, version, facts));
});

/** DELETE /api/models/:model/versions/:version — forgets the version's facts (its datasets stay); 204. */
export const DELETE = handle(async (_req: Request, context: Context) => {
  const { model, version } = await namesOf(context);
  if (!(await store().models.delete(model, version))) throw notFound(`facts of ${model} ${version}`);
  return new Response(null, { status: 204 });
});
