/** Reads of what the server stored, whichever the backend (tests/support/stored.ts). */
export { storedPredictions, storedSegments, tableCounts } from "./stored";

/** POSTs a CSV body to /api/datasets with the mapping as query parameters. */
export async function postCsv(baseUrl: string, body: string | Uint8Array, params: Record<string, string | string[]> = {}, contentType = "text/csv") {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
  const response = await fetch(`${baseUrl}/api/datasets?${query}`, { method: "POST", headers: { "content-type": contentType }, body: body as BodyInit });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; details?: { row?: number; column?: string; message: string }[] } } };
}
