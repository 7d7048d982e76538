import { expect, test } from "vitest";
import { RowBatchBuilder, batchBuffers, isCoded, unpackBatch, type RowBatch } from "../../lib/ingest/row-batch";
import type { PredictionRow } from "../../lib/ingest/types";

const row = (i: number, slices: string | null): PredictionRow => ({ row: i + 2, label: i % 2, score: i / 1000, exampleId: `id-${i}`, timestamp: i % 3 ? 1_700_000_000_000 + i : null, text: i % 4 ? `text ${i}` : null, image: null, slices, extras: `["${i}"]` });

/** Every row through batches of `size` (each structured-cloned with its buffers transferred, as to the writer), and back. */
function roundTrip(rows: PredictionRow[], size: number): { back: PredictionRow[]; batches: RowBatch[] } {
  const builder = new RowBatchBuilder(size, [true, true, false, true, true]);
  const batches: RowBatch[] = [];
  const send = () => {
    const batch = builder.take();
    batches.push(structuredClone(batch, { transfer: batchBuffers(batch) }));
  };
  for (const r of rows) {
    builder.add(r);
    if (builder.full) send();
  }
  if (builder.size > 0) send();
  const back: PredictionRow[] = [];
  for (const batch of batches) unpackBatch(batch, (r) => back.push(r));
  return { back, batches };
}

test("slices of few distinct values travel coded, and every row comes back as it was, nulls included", () => {
  const values = ['["FR","web"]', '["US","app"]', '["DE","web"]', null];
  const rows = Array.from({ length: 1000 }, (_, i) => row(i, values[(i * 7) % 4]));
  const { back, batches } = roundTrip(rows, 128);
  expect(back).toEqual(rows);
  expect(batches.every((b) => isCoded(b.texts[3]!))).toBe(true);
  expect(batches.every((b) => !isCoded(b.texts[0]!))).toBe(true);
});

test("a batch that meets more distinct slices than are worth coding goes joined from its first row, and so do the batches after it", () => {
  // A batch of 3 values, then a new value each row: the second batch passes 256 values midway.
  const rows = Array.from({ length: 1200 }, (_, i) => row(i, i < 400 ? `["v${i % 3}"]` : i % 5 ? `["u${i}"]` : null));
  const { back, batches } = roundTrip(rows, 400);
  expect(back).toEqual(rows);
  expect(batches.map((b) => isCoded(b.texts[3]!))).toEqual([true, false, false]);
});
