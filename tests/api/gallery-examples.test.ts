import { beforeAll, describe, expect, inject, test } from "vitest";
import { postCsv, storedSegments } from "../support/ingest-client";

const baseUrl = inject("baseUrl");
const database = inject("database");

// Ten examples with known outcomes at threshold 0.5 (flagged when score >= 0.5):
//   false positives a .95, b .80, c .60, d .50 (exactly at the threshold); false negatives f .45, g .10;
//   true positives h .90, i .70; true negatives e .40, j .05.
const CSV = [
  "id,label,score,text,country,amount",
  'a,0,0.95,"=HYPERLINK(""http://evil"")",FR,10',
  "b,0,0.80,hello world,DE,200",
  "c,0,0.60,gift card top-up,FR,-5",
  "d,0,0.50,exactly at the threshold,FR,30",
  "e,0,0.40,,DE,1",
  "f,1,0.45,missed narrowly,FR,2",
  "g,1,0.10,missed badly,DE,3",
  "h,1,0.90,caught,FR,4",
  "i,1,0.70,caught too,DE,5",
  "j,0,0.05,,FR,6",
].join("\n") + "\n";

interface Item { id: number; row: number; label: number; score: number; distance: number; exampleId: string; text: string | null; slices: Record<string, string>; extras: Record<string, string>; tags: { id: number; name: string; reviewer: string | null }[]; notes: { id: number; body: string; reviewer: string | null }[] }
interface Page { total: number; threshold: number; kind: string; items: Item[] }

let datasetId = 0;
const url = (query: string) => `${baseUrl}/api/datasets/${datasetId}/examples?${query}`;
async function page(query: string): Promise<Page> {
  const response = await fetch(url(query));
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Page;
}
const ids = (p: Page) => p.items.map((i) => i.exampleId);

beforeAll(async () => {
  const { status, body } = await postCsv(baseUrl, CSV, { name: "gallery fixture", id: "id", label: "label", score: "score", text: "text", slice: "country" });
  expect(status).toBe(201);
  datasetId = body.id as number;
});

describe("GET /api/datasets/:id/examples", () => {
  test.each([
    ["fp", 4, ["a", "b", "c", "d"]],
    ["fn", 2, ["g", "f"]],
    ["tp", 2, ["i", "h"]],
    ["tn", 2, ["e", "j"]],
  ])("kind=%s at 0.5: total %i in the default order %j", async (kind, total, order) => {
    const p = await page(`threshold=0.5&kind=${kind}`);
    expect(p.total).toBe(total);
    expect(ids(p)).toEqual(order);
  });

  test("an item carries its row, label, score, distance, text, slices and extras", async () => {
    const [a] = (await page("threshold=0.5&kind=fp&limit=1")).items;
    expect(a).toMatchObject({
      row: 2, label: 0, score: 0.95, distance: 0.45, exampleId: "a", text: '=HYPERLINK("http://evil")',
      slices: { country: "FR" }, extras: { amount: "10" }, tags: [], notes: [],
    });
  });

  test.each([
    ["sort=distance&order=asc", ["d", "c", "b", "a"]],
    ["sort=score&order=asc", ["d", "c", "b", "a"]],
    ["sort=amount&order=asc", ["c", "a", "d", "b"]],
    ["sort=amount&order=desc", ["b", "d", "a", "c"]],
    ["sort=text", ["a", "d", "c", "b"]],
    ["sort=country&order=desc", ["a", "c", "d", "b"]],
    ["sort=row&order=desc", ["d", "c", "b", "a"]],
  ])("false positives with %s", async (query, order) => {
    expect(ids(await page(`threshold=0.5&kind=fp&${query}`))).toEqual(order);
  });

  test("limit and offset page through the matches; total counts all of them", async () => {
    const p = await page("threshold=0.5&kind=fp&limit=2&offset=1");
    expect(p.total).toBe(4);
    expect(ids(p)).toEqual(["b", "c"]);
    expect(ids(await page("threshold=0.5&kind=fp&limit=2&offset=4"))).toEqual([]);
  });

  test("slice and text filters narrow the matches and the total", async () => {
    const fr = await page("threshold=0.5&kind=fp&slice.country=FR");
    expect([fr.total, ids(fr)]).toEqual([3, ["a", "c", "d"]]);
    const gift = await page("threshold=0.5&kind=fp&q=GIFT");
    expect([gift.total, ids(gift)]).toEqual([1, ["c"]]);
    const both = await page("threshold=0.5&kind=fn&slice.country=DE&q=missed");
    expect([both.total, ids(both)]).toEqual([1, ["g"]]);
    const literal = await page("threshold=0.5&kind=fp&q=%25");
    expect(literal.total).toBe(0);
  });

  test("another threshold moves examples between kinds", async () => {
    const fp = await page("threshold=0.85&kind=fp");
    expect([fp.total, ids(fp)]).toEqual([1, ["a"]]);
    const fn = await page("threshold=0.85&kind=fn");
    expect([fn.total, ids(fn)]).toEqual([3, ["g", "f", "i"]]);
    expect((await page("threshold=0&kind=fn")).total).toBe(0);
    expect((await page("threshold=1&kind=tn")).total).toBe(6);
  });

  test.each([
    ["kind=fp", "threshold"],
    ["threshold=abc", "threshold"],
    ["threshold=1.5", "threshold"],
    ["threshold=0.5&kind=maybe", "kind"],
    ["threshold=0.5&order=up", "order"],
    ["threshold=0.5&limit=501", "limit"],
    ["threshold=0.5&offset=-1", "offset"],
    ["threshold=0.5&sort=nope", "nope"],
    ["threshold=0.5&slice.nope=1", "nope"],
  ])("?%s is a 400 naming %s", async (query, column) => {
    const response = await fetch(url(query));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; details: { column?: string }[] } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details[0].column).toBe(column);
  });

  test("pages filtered by a slice value (walked over the segment's codes) equal the SQL filter's", async () => {
    // The SQL path answers the same filter when sorting by another column: compare both ways.
    for (const kind of ["fp", "fn", "tp", "tn"]) {
      for (const country of ["FR", "DE", "US", "nowhere"]) {
        const walked = await page(`threshold=0.5&kind=${kind}&slice.country=${country}&limit=500`);
        const bySql = await page(`threshold=0.5&kind=${kind}&slice.country=${country}&limit=500&sort=row`);
        expect({ kind, country, total: walked.total, ids: [...ids(walked)].sort() }).toEqual({ kind, country, total: bySql.total, ids: [...ids(bySql)].sort() });
      }
    }
  });

  test("with unlabelled rows the segment keeps them (label 255), and pages leave those rows out", async () => {
    const withUnlabelled = CSV + "k,,0.99,not reviewed yet,FR,7\nl,,0.01,not reviewed either,DE,8\n";
    const { body } = await postCsv(baseUrl, withUnlabelled, { name: "gallery fixture, unlabelled", id: "id", label: "label", score: "score", text: "text", slice: "country" });
    const id = body.id as number;
    expect(body.unlabeled).toBe(2);
    const [segment] = (await storedSegments(database, id, 1));
    expect(Array.from(segment.labels).filter((l) => l === 255)).toHaveLength(2);
    expect(segment.scores[segment.scores.length - 1]).toBe(0.99);
    for (const [kind, expected] of [["fp", ["a", "b", "c", "d"]], ["tn", ["e", "j"]], ["tp", ["i", "h"]], ["fn", ["g", "f"]]] as const) {
      const response = await fetch(`${baseUrl}/api/datasets/${id}/examples?threshold=0.5&kind=${kind}`);
      const p = (await response.json()) as Page;
      expect({ kind, total: p.total, ids: ids(p) }).toEqual({ kind, total: expected.length, ids: expected });
    }
  });

  test("an unknown dataset is a 404", async () => {
    expect((await fetch(`${baseUrl}/api/datasets/999999/examples?threshold=0.5`)).status).toBe(404);
  });
});

describe("CSV export", () => {
  test("exports the filtered examples with tags and notes, neutralising formula-like cells", async () => {
    const response = await fetch(url("threshold=0.5&kind=fp&slice.country=FR&format=csv"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toBe("row,example_id,outcome,label,score,distance_to_threshold,timestamp,text,image,country,amount,tags,notes");
    expect(lines.slice(1)).toEqual([
      `2,a,fp,0,0.95,0.45,,"'=HYPERLINK(""http://evil"")",,FR,10,,`,
      "4,c,fp,0,0.6,0.1,,gift card top-up,,FR,'-5,,",
      "5,d,fp,0,0.5,0,,exactly at the threshold,,FR,30,,",
      "",
    ]);
  });
});

describe("slices", () => {
  test("error rates and counts per slice value, worst first", async () => {
    const response = await fetch(`${baseUrl}/api/datasets/${datasetId}/slices?threshold=0.5`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { slices: Record<string, unknown>[] };
    expect(report.slices.map((s) => [s.column, s.value, s.rows, s.positives, s.negatives, s.fp, s.fn, s.errorRate, s.fpr, s.fnr])).toEqual([
      ["country", "FR", 6, 2, 4, 3, 1, 4 / 6, 3 / 4, 1 / 2],
      ["country", "DE", 4, 2, 2, 1, 1, 0.5, 0.5, 0.5],
    ]);
    expect((await fetch(`${baseUrl}/api/datasets/${datasetId}/slices`)).status).toBe(400);
  });
});

