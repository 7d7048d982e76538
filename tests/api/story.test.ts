import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { DEMO_SETTINGS } from "@/lib/demo/fraud-demo";
import { demoDatasetId, queryOne } from "../support/stored";

const baseUrl = inject("baseUrl");
const database = inject("database");

const THE_SENTENCES = [
  "Every day an average of 200 valid transactions will be flagged as fraudulent and sent for manual review, and an average of 14 fraudulent transactions will be missed.",
  "An average of 266 fraudulent transactions will be correctly caught.",
  "In rates: it misses 5% of fraudulent transactions and flags 2.5% of valid ones (the false negative and false positive rates).",
];
const fraudVocabulary = {
  itemSingular: "transaction",
  itemPlural: "transactions",
  positive: "fraudulent",
  negative: "valid",
  flaggedAction: "flagged as fraudulent and sent for manual review",
};

let demoId = 0;

beforeAll(async () => {
  demoId = await demoDatasetId(database);
  // These tests start from no saved settings (the demo ships with the fraud vocabulary).
  await put(`/api/datasets/${demoId}/settings`, {});
});

afterAll(async () => {
  await put(`/api/datasets/${demoId}/settings`, DEMO_SETTINGS);
});

const get = async (path: string) => {
  const response = await fetch(baseUrl + path);
  return { status: response.status, body: await response.json() };
};
const put = async (path: string, body: unknown) => {
  const response = await fetch(baseUrl + path, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
};
const post = async (path: string, body: unknown) => {
  const response = await fetch(baseUrl + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
};

describe("GET /api/datasets/:id/metrics with the story", () => {
  test("the demo at 0.5 with volume=8280: exactly 200 false alarms, 14 missed, 266 caught", async () => {
    const { status, body } = await get(`/api/datasets/${demoId}/metrics?threshold=0.5&volume=8280`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ threshold: 0.5, tp: 532, fp: 400, fn: 28, tn: 15600 });
    expect(body.daily).toEqual({ flagged: 466, falsePositives: 200, falseNegatives: 14, truePositives: 266, trueNegatives: 7800 });
    expect(body.sentences).toEqual([
      "Every day an average of 200 negative items will be flagged as positive, and an average of 14 positive items will be missed.",
      "An average of 266 positive items will be correctly caught.",
      "In rates: it misses 5% of positive items and flags 2.5% of negative ones (the false negative and false positive rates).",
    ]);
  });

  test("prevalence from the query scales each class", async () => {
    const { body } = await get(`/api/datasets/${demoId}/metrics?threshold=0.5&volume=10000&prevalence=0.01`);
    expect(body.daily).toEqual({ flagged: 342.5, falsePositives: 247.5, falseNegatives: 5, truePositives: 95, trueNegatives: 9652.5 });
  });

  test.each([
    ["volume=abc", "invalid query: volume: volume must be a number"],
    ["volume=-5", "invalid query: volume: volume must be more than 0"],
    ["prevalence=1.2", "invalid query: prevalence: prevalence must be between 0 and 1"],
  ])("?%s is a 400", async (query, message) => {
    const { status, body } = await get(`/api/datasets/${demoId}/metrics?threshold=0.5&${query}`);
    expect(status).toBe(400);
    expect(body.error.message).toBe(message);
  });
});

describe("settings, saved per dataset", () => {
  test("defaults before anything is saved: 8,280 a day from the timestamps", async () => {
    await put(`/api/datasets/${demoId}/settings`, {});
    const { status, body } = await get(`/api/datasets/${demoId}/settings`);
    expect(status).toBe(200);
    expect(body.saved).toEqual({});
    expect(body.resolved).toMatchObject({ volume: 8280, volumePerDay: 8280, volumeSource: "timestamps", period: "day", prevalenceSource: "dataset" });
    expect(body.resolved.prevalence).toBeCloseTo(560 / 16560, 12);
  });

  test("a PUT round-trips through the database and the metrics fall back to it", async () => {
    const settings = { volume: 57960, period: "week", vocabulary: fraudVocabulary, costs: { falsePositive: 5, falseNegative: 200, currency: "€" }, reviewCapacity: 500 };
    const saved = await put(`/api/datasets/${demoId}/settings`, settings);
    expect(saved.status).toBe(200);
    expect(saved.body.saved).toEqual(settings);
    const stored = (await queryOne<{ settings: string }>(database, `SELECT "settings" FROM "Dataset" WHERE "id" = ?`, [demoId]))!;
    expect(JSON.parse(stored.settings)).toEqual(settings);
    expect((await get(`/api/datasets/${demoId}/settings`)).body.saved).toEqual(settings);

    const weekly = await get(`/api/datasets/${demoId}/metrics?threshold=0.5`);
    expect(weekly.body.daily.falsePositives).toBe(200);
    expect(weekly.body.sentences.slice(0, 2)).toEqual([
      "Every week an average of 1,400 valid transactions will be flagged as fraudulent and sent for manual review, and an average of 98 fraudulent transactions will be missed.",
      "An average of 1,862 fraudulent transactions will be correctly caught.",
    ]);
    expect(weekly.body.sentences.slice(2, 4)).toEqual(["That is 466 flagged transactions a day, within the review capacity of 500 a day.", "The expected cost is €26,600 a week."]);

    const daily = await get(`/api/datasets/${demoId}/metrics?threshold=0.5&volume=8280`);
    expect([...daily.body.sentences.slice(0, 2), daily.body.sentences.at(-1)]).toEqual(THE_SENTENCES);
  });

  test.each([
    [{ volume: 0 }, "volume", "volume must be more than 0"],
    [{ period: "year" }, "period", undefined],
    [{ vocabulary: { itemSingular: "" } }, "vocabulary.itemSingular", "item noun (singular) must not be empty"],
    [{ shoeSize: 42 }, "", undefined],
  ])("a bad PUT %j is a 400 naming %s", async (settings, column, message) => {
    const { status, body } = await put(`/api/datasets/${demoId}/settings`, settings);
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details[0].column ?? "").toBe(column);
    if (message) expect(body.error.details[0].message).toBe(message);
  });

  test("not JSON, or no such dataset", async () => {
    const response = await fetch(`${baseUrl}/api/datasets/${demoId}/settings`, { method: "PUT", body: "{nope" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_json");
    expect((await put(`/api/datasets/999999/settings`, {})).status).toBe(404);
    expect((await get(`/api/datasets/999999/settings`)).status).toBe(404);
  });
});

describe("scenarios", () => {
  test("create, list, replace by name, delete", async () => {
    const path = `/api/datasets/${demoId}/scenarios`;
    const a = await post(path, { name: "Today", threshold: 0.5, settings: { volume: 8280 } });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ datasetId: demoId, name: "Today", threshold: 0.5, settings: { volume: 8280 } });
    const b = await post(path, { name: "Catch more", threshold: 0.3 });
    expect(b.body.settings).toEqual({});
    const again = await post(path, { name: "Today", threshold: 0.45, settings: {} });
    expect(again.body.id).toBe(a.body.id);

    const list = await get(path);
    expect(list.body.scenarios.map((s: { name: string; threshold: number }) => [s.name, s.threshold])).toEqual([
      ["Today", 0.45],
      ["Catch more", 0.3],
    ]);

    const deleted = await fetch(`${baseUrl}${path}/${b.body.id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${baseUrl}${path}/${b.body.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await get(path)).body.scenarios).toHaveLength(1);
    await fetch(`${baseUrl}${path}/${a.body.id}`, { method: "DELETE" });
  });

  test.each([
    [{ name: "", threshold: 0.5 }, "name"],
    [{ name: "x", threshold: 2 }, "threshold"],
    [{ name: "x" }, "threshold"],
    [{ name: "x", threshold: 0.5, settings: { prevalence: -1 } }, "settings.prevalence"],
  ])("a bad scenario %j is a 400 naming %s", async (scenario, column) => {
    const { status, body } = await post(`/api/datasets/${demoId}/scenarios`, scenario);
    expect(status).toBe(400);
    expect(body.error.details[0].column).toBe(column);
  });

  test("an unknown dataset has no scenarios", async () => {
    expect((await get(`/api/datasets/999999/scenarios`)).status).toBe(404);
    expect((await post(`/api/datasets/999999/scenarios`, { name: "x", threshold: 0.5 })).status).toBe(404);
  });
});

describe("the brief", () => {
  test("GET /api/datasets/:id/brief is the Markdown download of the brief", async () => {
    await put(`/api/datasets/${demoId}/settings`, { volume: 8280, vocabulary: fraudVocabulary });
    const response = await fetch(`${baseUrl}/api/datasets/${demoId}/brief?threshold=0.5`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="demo-card-fraud-model-2-days-brief-0.5.md"');
    const markdown = await response.text();
    expect(markdown.split("\n").slice(0, 5)).toEqual([
      "# Demo: card fraud model (2 days): threshold 0.50",
      "",
      expect.stringMatching(/^_Brief made \d{4}-\d\d-\d\d \d\d:\d\d UTC for 8,280 transactions a day, 3\.4% of them fraudulent\._$/),
      "",
      THE_SENTENCES.join(" "),
    ]);
    expect(markdown).toContain("| Valid transactions flagged (false alarms) | 200 (182–220) |");
    expect(markdown).toContain("| Fraudulent | 532 caught | 28 missed |");
    const falseAlarms = markdown.split("## Valid transactions flagged with the highest scores\n\n")[1].split("\n\n")[0].split("\n");
    expect(falseAlarms).toHaveLength(3);
    for (const line of falseAlarms) expect(line).toMatch(/^- tx-\d+, score 0\.9\d{3} — Merchant category: .*, row \d+$/);
  });

  test("settings of a shared link replace the saved ones; bad thresholds are a 400", async () => {
    const s = encodeURIComponent(JSON.stringify({ volume: 57960, period: "week", vocabulary: fraudVocabulary }));
    const markdown = await (await fetch(`${baseUrl}/api/datasets/${demoId}/brief?threshold=0.5&s=${s}`)).text();
    expect(markdown).toContain("Every week an average of 1,400 valid transactions will be flagged as fraudulent");
    const bad = await get(`/api/datasets/${demoId}/brief?threshold=2`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe("invalid query: threshold: threshold must be between 0 and 1");
    expect((await fetch(`${baseUrl}/api/datasets/999999/brief?threshold=0.5`)).status).toBe(404);
  });

  test("the brief page renders the sentences for people who never open the app", async () => {
    await put(`/api/datasets/${demoId}/settings`, { volume: 8280, vocabulary: fraudVocabulary });
    const html = await (await fetch(`${baseUrl}/datasets/${demoId}/brief?t=0.5`)).text();
    expect(html).toContain(THE_SENTENCES.join(" "));
    expect(html).toContain("Download Markdown");
  });
});
