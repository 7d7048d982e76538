/**
 * A whole audit through the API on the real server: draw, two reviewers on the queue (no item to
 * both), labels (on items and rows), second looks and κ, estimates at several thresholds, a
 * top-up, the export, and the brief speaking from the audit.
 */
import { beforeAll, describe, expect, inject, test } from "vitest";
import { seededRandom } from "@/lib/demo/random";
import { postCsv } from "../support/ingest-client";
import { query, queryOne } from "../support/stored";

const baseUrl = inject("baseUrl");
const databaseFile = inject("databaseFile");

const random = seededRandom(1515);
const START = Date.UTC(2026, 10, 2);
const ROWS = 2000;
interface Tx { id: string; score: number; fraud: 0 | 1; labelled: boolean; at: string }
const rows: Tx[] = Array.from({ length: ROWS }, (_, i) => {
  const fraud = random() < 0.04 ? 1 : 0;
  const u = random();
  return { id: `tx-${i}`, score: Number((fraud ? 1 - 0.9 * u * u : u ** 3).toFixed(4)), fraud, labelled: i % 10 === 0, at: new Date(START + Math.floor((i / ROWS) * 7 * 86_400_000)).toISOString() };
});
const truth = new Map(rows.map((r) => [r.id, r.fraud]));
const csv = ["tx_id,at,fraud_score,is_fraud,note", ...rows.map((r) => `${r.id},${r.at},${r.score},${r.labelled ? r.fraud : ""},purchase ${r.id}`)].join("\n") + "\n";
const frame = rows.filter((r) => !r.labelled);

type Json = Record<string, unknown> & { error?: { code: string; message: string } };
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}
interface Item { itemId: number; exampleId: string; order: number; review: "first" | "second"; score: number; text: string }
interface Figure { estimate: number | null; lower: number; upper: number }

let datasetId = 0;
let auditId = 0;
const base = () => `/api/datasets/${datasetId}/audits/${auditId}`;
const queue = async (reviewer: string, limit: number) => {
  const r = await call("GET", `${base()}/queue?reviewer=${reviewer}&limit=${limit}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as unknown as { items: Item[]; remaining: number; secondRemaining: number };
};
const label = async (reviewer: string, items: Item[]) => {
  const r = await call("POST", `${base()}/labels?reviewer=${reviewer}`, { labels: items.map((i, k) => ({ exampleId: i.exampleId, label: k % 2 ? truth.get(i.exampleId) : truth.get(i.exampleId) === 1 })) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

beforeAll(async () => {
  const imported = await postCsv(baseUrl, csv, { name: "audited production", id: "tx_id", timestamp: "at", score: "fraud_score", label: "is_fraud", text: "note" });
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  datasetId = imported.body.id as number;
});

describe("drawing", () => {
  test.each([
    ["size 0", { size: 0 }, 400, "invalid_request"],
    ["a size larger than the unlabelled rows", { size: 1801 }, 400, "audit_too_large"],
    ["from after to", { size: 10, from: "2026-11-05", to: "2026-11-03" }, 400, "invalid_request"],
    ["a window holding no row", { size: 10, from: "2027-01-01" }, 400, "nothing_to_audit"],
    ["an unknown field", { size: 10, colour: "red" }, 400, "invalid_request"],
  ])("%s is refused", async (_, body, status, code) => {
    const r = await call("POST", `/api/datasets/${datasetId}/audits`, body);
    expect([r.status, r.body.error?.code]).toEqual([status, code]);
  });

  test("an unknown dataset is a 404", async () => {
    expect((await call("POST", "/api/datasets/999999/audits", { size: 5 })).status).toBe(404);
    expect((await call("GET", "/api/datasets/999999/audits")).status).toBe(404);
  });

  test("201 with the design: 200 of the 1,800 unlabelled rows", async () => {
    const r = await call("POST", `/api/datasets/${datasetId}/audits`, { size: 200, name: "November", threshold: 0.5, seed: 11 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ name: "November", size: 200, labeled: 0, remaining: 200, frameRows: 1800, rounds: 1, doubleReview: { share: 0.1, items: 20 } });
    auditId = r.body.id as number;
    const list = await call("GET", `/api/datasets/${datasetId}/audits`);
    expect((list.body.audits as { id: number }[]).map((a) => a.id)).toEqual([auditId]);
  });
});

describe("reviewing", () => {
  test("two reviewers at once never get the same item; each gets theirs again", async () => {
    const [ann, bob] = await Promise.all([queue("ann", 25), queue("bob", 25)]);
    const a = ann.items.map((i) => i.itemId);
    const b = bob.items.map((i) => i.itemId);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect([...ann.items, ...bob.items].map((i) => i.order).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, k) => k));
    expect(ann.remaining).toBe(200);
    expect((await queue("ann", 25)).items.map((i) => i.itemId)).toEqual(a);
    expect(ann.items.every((i) => i.review === "first" && i.text === `purchase ${i.exampleId}`)).toBe(true);
    expect((await call("GET", `${base()}/queue?limit=5`)).body.error?.code).toBe("invalid_request");
  });

  test("labels go on the items and on the rows; bad labels refuse the whole request", async () => {
    const bad = await call("POST", `${base()}/labels?reviewer=ann`, { labels: [{ exampleId: "tx-1", label: "1" }, { exampleId: "tx-0", label: "1" }, { exampleId: "tx-3", label: "maybe" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe("invalid_labels");
    const [ann, bob] = [await queue("ann", 25), await queue("bob", 25)];
    expect(await label("ann", ann.items)).toMatchObject({ received: 25, rowsChanged: 25, labeled: 25 });
    expect(await label("bob", bob.items)).toMatchObject({ received: 25, labeled: 50 });
    const dataset = await call("GET", `/api/datasets/${datasetId}`);
    expect(dataset.body).toMatchObject({ unlabeled: 1750 });
    const sources = await query(databaseFile, `SELECT "source", "reviewer", COUNT(*) AS "n" FROM "LabelChange" WHERE "datasetId" = ? GROUP BY "source", "reviewer" ORDER BY "reviewer"`, [datasetId]);
    const stored = await query<{ exampleId: string; label: number }>(
      databaseFile,
      `SELECT "exampleId", "label" FROM "Prediction" WHERE "datasetId" = ? AND "exampleId" IN (${ann.items.map(() => "?").join(",")})`,
      [datasetId, ...ann.items.map((i) => i.exampleId)],
    );
    expect(sources).toEqual([{ source: "audit", reviewer: "ann", n: 25 }, { source: "audit", reviewer: "bob", n: 25 }]);
    expect(stored.every((s) => s.label === truth.get(s.exampleId))).toBe(true);
  });

  test("second looks go to the other reviewer, and their agreement is Cohen's κ", async () => {
    // The second looks come first (they are early in the queue), so a short queue holds them all.
    const seconds = async (reviewer: string) => (await queue(reviewer, 15)).items.filter((i) => i.review === "second");
    const forBob = await seconds("bob");
    const forAnn = await seconds("ann");
    expect(forBob.length + forAnn.length).toBeGreaterThan(0);
    expect(Math.max(forBob.length, forAnn.length)).toBeLessThan(15);
    // Bob agrees on all but one of the items Ann labelled first; Ann agrees on all of Bob's.
    const flip = forBob.slice(0, 1).map((i) => ({ exampleId: i.exampleId, label: 1 - truth.get(i.exampleId)! }));
    const agree = (items: Item[]) => items.map((i) => ({ exampleId: i.exampleId, label: truth.get(i.exampleId)! }));
    const labels = [...flip, ...agree(forBob.slice(1))];
    if (labels.length) expect((await call("POST", `${base()}/labels?reviewer=bob`, { labels })).status).toBe(200);
    if (forAnn.length) expect((await call("POST", `${base()}/labels?reviewer=ann`, { labels: agree(forAnn) })).status).toBe(200);
    const view = (await call("GET", base())).body as { labeled: number; doubleReview: { reviewed: number }; agreement: { pairs: number; agreement: number }; reviewers: { reviewer: string; first: number; second: number }[] };
    const pairs = forBob.length + forAnn.length;
    expect(view.labeled).toBe(50);
    expect(view.doubleReview.reviewed).toBe(pairs);
    expect(view.agreement.pairs).toBe(pairs);
    expect(view.agreement.agreement).toBeCloseTo((pairs - (forBob.length ? 1 : 0)) / pairs, 12);
    expect(view.reviewers.map((r) => [r.reviewer, r.first, r.second]).sort()).toEqual([["ann", 25, forAnn.length], ["bob", 25, forBob.length]]);
    const latest = await call("GET", `${base()}/labels?limit=3`);
    expect((latest.body.labels as unknown[]).length).toBe(3);
  });

  test("a skipped item goes to someone else; undo takes a label back off the row", async () => {
    const [first] = (await queue("cy", 1)).items;
    expect((await call("POST", `${base()}/skip`, { itemId: first.itemId, reviewer: "cy" })).status).toBe(200);
    expect((await queue("cy", 1)).items[0].itemId).not.toBe(first.itemId);
    expect((await queue("dee", 1)).items[0].itemId).toBe(first.itemId);
    const done = (await queue("ann", 25)).items.slice(0, 1);
    await label("ann", done);
    const undo = await call("POST", `${base()}/labels`, { labels: [{ exampleId: done[0].exampleId, label: null, reviewer: "ann" }] });
    expect(undo.body).toMatchObject({ results: [{ kind: "undo" }], labeled: 50 });
    expect((await call("GET", `/api/datasets/${datasetId}`)).body).toMatchObject({ unlabeled: 1750 });
  });
});

describe("estimates", () => {
  const estimate = async (t: number) => {
    const r = await call("GET", `${base()}/estimate?threshold=${t}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as unknown as Record<"flagged" | "precision" | "recall" | "truePositives" | "falsePositives" | "falseNegatives", Figure> & { labeled: number; size: number; rows: number; sentences: string[] };
  };

  test.each([0.1, 0.5, 0.8])("at %s: every figure with its interval; the flagged rows exact", async (t) => {
    const e = await estimate(t);
    expect(e).toMatchObject({ labeled: 50, size: 200, rows: 1800 });
    const flagged = frame.filter((r) => r.score >= t).length;
    expect(e.flagged).toEqual({ estimate: flagged, lower: flagged, upper: flagged });
    for (const key of ["precision", "recall", "truePositives", "falsePositives", "falseNegatives"] as const) {
      const f = e[key];
      expect(f.lower, key).toBeLessThanOrEqual(f.estimate ?? f.lower);
      expect(f.upper, key).toBeGreaterThanOrEqual(f.estimate ?? f.upper);
    }
    expect(e.truePositives.estimate! + e.falsePositives.estimate!).toBeCloseTo(flagged, 9);
    expect(e.sentences[0]).toMatch(/missed a day, estimated from 50 of 200 audited items labelled so far\.$/);
  });

  test("a bad threshold is a 400; an unknown audit a 404", async () => {
    expect((await call("GET", `${base()}/estimate?threshold=2`)).status).toBe(400);
    expect((await call("GET", `/api/datasets/${datasetId}/audits/999999/estimate?threshold=0.5`)).status).toBe(404);
  });

  test("labelling the rest narrows the intervals", async () => {
    const before = await estimate(0.5);
    // Everyone labels what the queue holds for them (bob and dee hold items from the tests above).
    for (let round = 0; round < 10; round++) {
      let any = false;
      for (const reviewer of ["ann", "bob", "cy", "dee"]) {
        const firsts = (await queue(reviewer, 100)).items.filter((i) => i.review === "first");
        if (firsts.length) await label(reviewer, firsts);
        any ||= firsts.length > 0;
      }
      if (!any) break;
    }
    const after = await estimate(0.5);
    expect(after.labeled).toBe(200);
    expect(after.precision.upper - after.precision.lower).toBeLessThan(before.precision.upper - before.precision.lower);
    expect(after.falseNegatives.upper - after.falseNegatives.lower).toBeLessThan(before.falseNegatives.upper - before.falseNegatives.lower);
    expect(after.sentences[0]).toMatch(/estimated from 200 audited items\.$/);
  });

  test("top-up to 300: the labels stay, 100 more to label; never down", async () => {
    const r = await call("PATCH", base(), { size: 300 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ size: 300, labeled: 200, remaining: 100, rounds: 2 });
    expect((await call("PATCH", base(), { size: 250 })).body.error?.code).toBe("audit_cannot_shrink");
    const next = await queue("bob", 5);
    expect(next.items.every((i) => i.order >= 200 || i.review === "second")).toBe(true);
    expect((await estimate(0.5)).labeled).toBe(200);
  });

  test("export: the labelled rows with their sampling weights, in the dataset's own columns", async () => {
    const response = await fetch(`${baseUrl}${base()}/export`);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="november-labelled.csv"');
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("tx_id,is_fraud,fraud_score,at,note,audit_weight,audit_inclusion_probability,audit_stratum,audit_reviewer,audit_labelled_at");
    expect(lines).toHaveLength(201);
    const cells = lines.slice(1).map((l) => l.split(","));
    expect(cells.every((c) => c[1] === String(truth.get(c[0])))).toBe(true);
    // Each labelled row stands for N_h / m_h rows: the weights add up to the frame.
    expect(cells.reduce((s, c) => s + Number(c[5]), 0)).toBeCloseTo(1800, 6);
  });

  test("the brief of the dataset speaks from the audit", async () => {
    const response = await fetch(`${baseUrl}/api/datasets/${datasetId}/brief?threshold=0.5`);
    const markdown = await response.text();
    expect(markdown).toContain("estimated from 200 of 300 audited items labelled so far");
    expect(markdown).toContain("(weighted, from the audit)");
    expect(markdown).toContain("## The labelled rows as they are (not weighted)");
    expect(markdown).not.toContain("## Recommended thresholds");
  });
});

test("deleting the dataset deletes its audits and their items", async () => {
  const count = async (table: string) =>
    Number((await queryOne<{ n: number }>(databaseFile, `SELECT COUNT(*) AS "n" FROM "${table}" WHERE ${table === "Audit" ? `"datasetId" = ${datasetId}` : `"auditId" = ${auditId}`}`))!.n);
  expect([await count("Audit"), await count("AuditItem")]).toEqual([1, 300]);
  expect((await call("DELETE", `/api/datasets/${datasetId}`)).status).toBe(204);
  expect([await count("Audit"), await count("AuditItem")]).toEqual([0, 0]);
  expect((await call("GET", base())).status).toBe(404);
});
