import { beforeAll, expect, inject, test } from "vitest";

const baseUrl = inject("baseUrl");
let demo = 0;

interface Item { row: number; label: number; score: number; exampleId: string; slices: Record<string, string> }
interface Page { total: number; items: Item[] }
const page = async (query: string) => (await (await fetch(`${baseUrl}/api/datasets/${demo}/examples?${query}`)).json()) as Page;

beforeAll(async () => {
  const { datasets } = (await (await fetch(`${baseUrl}/api/datasets`)).json()) as { datasets: { id: number; isDemo: boolean }[] };
  demo = datasets.find((d) => d.isDemo)!.id;
});

test("the demo at 0.5 has 400 false positives and 28 false negatives, most confident first", async () => {
  const fp = await page("threshold=0.5&kind=fp&limit=3");
  expect(fp.total).toBe(400);
  expect(fp.items.map((i) => [i.row, i.score, i.label])).toEqual([[11442, 0.95, 0], [15859, 0.9461, 0], [1494, 0.9437, 0]]);
  const fn = await page("threshold=0.5&kind=fn&limit=3");
  expect(fn.total).toBe(28);
  expect(fn.items.map((i) => [i.row, i.score, i.label])).toEqual([[11404, 0.067, 1], [14532, 0.093, 1], [15784, 0.1415, 1]]);
});

test("pages of 50 join into the full ordered list, and match the filtered (scanning) path", async () => {
  const all = await page("threshold=0.5&kind=fp&limit=500");
  expect(all.items).toHaveLength(400);
  const scores = all.items.map((i) => i.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  const pages: Item[] = [];
  for (let offset = 0; offset < 400; offset += 50) pages.push(...(await page(`threshold=0.5&kind=fp&limit=50&offset=${offset}`)).items);
  expect(pages.map((i) => i.row)).toEqual(all.items.map((i) => i.row));
  // Every example id contains "tx-": the same rows through the filtered query path.
  const scanned = await page("threshold=0.5&kind=fp&limit=500&q=tx-");
  expect(scanned.total).toBe(400);
  expect(scanned.items.map((i) => i.row)).toEqual(all.items.map((i) => i.row));
});

test("slice filters agree with the slice table", async () => {
  const report = (await (await fetch(`${baseUrl}/api/datasets/${demo}/slices?threshold=0.5`)).json()) as { slices: { column: string; value: string; fp: number; fn: number; fpPerDay: number }[] };
  const categories = report.slices.filter((s) => s.column === "merchant_category");
  expect(categories.reduce((n, s) => n + s.fp, 0)).toBe(400);
  expect(categories.reduce((n, s) => n + s.fn, 0)).toBe(28);
  expect(categories.reduce((n, s) => n + s.fpPerDay, 0)).toBeCloseTo(200, 9);
  const gift = categories.find((s) => s.value === "gift_cards")!;
  const filtered = await page(`threshold=0.5&kind=fp&slice.merchant_category=gift_cards&limit=500`);
  expect(filtered.total).toBe(gift.fp);
  expect(filtered.items.every((i) => i.slices.merchant_category === "gift_cards")).toBe(true);
  // After the slice report, a one-slice filter reads the slice's score table; the scanning path agrees.
  const scanned = await page(`threshold=0.5&kind=fp&slice.merchant_category=gift_cards&limit=500&q=tx-`);
  expect(scanned.items.map((i) => i.row)).toEqual(filtered.items.map((i) => i.row));
  const paged: Item[] = [];
  for (let offset = 0; offset < gift.fp; offset += 25) paged.push(...(await page(`threshold=0.5&kind=fp&slice.merchant_category=gift_cards&limit=25&offset=${offset}`)).items);
  expect(paged.map((i) => i.row)).toEqual(filtered.items.map((i) => i.row));
  const travelMissed = await page(`threshold=0.9&kind=fn&slice.merchant_category=travel&limit=500`);
  const travelScanned = await page(`threshold=0.9&kind=fn&slice.merchant_category=travel&limit=500&q=tx-`);
  expect(travelMissed.total).toBe(travelScanned.total);
  expect(travelMissed.items.map((i) => i.row)).toEqual(travelScanned.items.map((i) => i.row));
});
