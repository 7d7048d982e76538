import { expect, inject, test } from "vitest";
import { tableCounts } from "../support/ingest-client";

const baseUrl = inject("baseUrl");
const database = inject("database");

/** A request body we feed by hand, to look at the database in the middle of an import. */
function manualBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return { stream, send: (text: string) => controller.enqueue(encoder.encode(text)), close: () => controller.close() };
}

async function waitForRows(key: string, atLeast: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 300; i++) {
    const response = await fetch(`${baseUrl}/api/imports/${key}`);
    if (response.ok) {
      const progress = (await response.json()) as Record<string, unknown>;
      if ((progress.rows as number) >= atLeast) return progress;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the import never reported progress");
}

const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => `${(from + i) % 5 === 0 ? 1 : 0},${(((from + i) % 100) / 100).toFixed(2)}\n`).join("");

test("readers never see a half-imported dataset, and a late failure keeps nothing", async () => {
  const before = (await tableCounts(database));
  const key = `isolation-${Date.now()}`;
  const body = manualBody();
  const answer = fetch(`${baseUrl}/api/datasets?name=half&progress=${key}`, { method: "POST", headers: { "content-type": "text/csv" }, body: body.stream, duplex: "half" } as RequestInit);
  body.send("label,score\n" + rows(0, 40_000));
  const progress = await waitForRows(key, 16_384);
  expect(progress.phase).toBe("reading");
  // Mid-import: rows are written inside the open transaction, invisible to every other connection.
  expect((await tableCounts(database))).toEqual(before);
  const list = (await (await fetch(`${baseUrl}/api/datasets`)).json()) as { datasets: { name: string }[] };
  expect(list.datasets.some((d) => d.name === "half")).toBe(false);
  // The last row is bad: the whole file is refused.
  body.send(rows(40_000, 10_000) + "1,not-a-score\n");
  body.close();
  const response = await answer;
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { details: unknown[] } }).error.details[0]).toEqual({ row: 50_002, column: "score", message: '"not-a-score" is not a number' });
  expect((await tableCounts(database))).toEqual(before);
});
