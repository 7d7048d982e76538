import { gzipSync } from "node:zlib";
import { describe, expect, inject, test } from "vitest";
import { postCsv, storedPredictions, tableCounts } from "../support/ingest-client";

const baseUrl = inject("baseUrl");
const database = inject("database");

const plain = "id,label,score\na,1,0.9\nb,0,0.2\nc,1,0.6\nd,0,0.05\n";

describe("every format variant imports the same four rows", () => {
  test.each([
    ["comma, LF", plain, "text/csv"],
    ["CRLF", plain.replaceAll("\n", "\r\n"), "text/csv"],
    ["UTF-8 BOM", "\ufeff" + plain, "text/csv"],
    ["semicolon", plain.replaceAll(",", ";"), "text/csv"],
    ["tab", plain.replaceAll(",", "\t"), "text/tab-separated-values"],
    ["gzip", gzipSync(plain), "application/gzip"],
  ])("%s", async (_name, body, contentType) => {
    const before = (await tableCounts(database));
    const { status, body: answer } = await postCsv(baseUrl, body, { name: "four rows" }, contentType);
    expect(status).toBe(201);
    expect(answer).toMatchObject({ name: "four rows", rows: 4, positives: 2, negatives: 2, unlabeled: 0 });
    const after = (await tableCounts(database));
    expect(after).toEqual({ datasets: before.datasets + 1, predictions: before.predictions + 4, segments: before.segments + 1, labelChanges: before.labelChanges, imports: before.imports + 1 });
    const rows = (await storedPredictions(database, answer.id as number));
    expect(rows.map((r) => [r.row, r.exampleId, r.label, r.score])).toEqual([
      [2, "a", 1, 0.9],
      [3, "b", 0, 0.2],
      [4, "c", 1, 0.6],
      [5, "d", 0, 0.05],
    ]);
    const dataset = (await (await fetch(`${baseUrl}/api/datasets/${answer.id}`)).json()) as Record<string, unknown>;
    expect(dataset).toMatchObject({ rows: 4, positives: 2, negatives: 2, rocAuc: 1, positiveLabel: "1", negativeLabel: "0" });
  });
});

test("multipart/form-data with mapping fields and a file", async () => {
  const form = new FormData();
  form.append("name", "messages (form)");
  form.append("positive", "spam");
  form.append("slice", "channel");
  const csv = 'message_id,text,label,spam_score,channel\nm1,"Win a prize, now!",spam,0.97,sms\nm2,"see you at 5",ham,0.02,chat\nm3,"two\nlines",ham,0.4,chat\n';
  form.append("file", new Blob([csv], { type: "text/csv" }), "messages.csv");
  const response = await fetch(`${baseUrl}/api/datasets`, { method: "POST", body: form });
  expect(response.status).toBe(201);
  const answer = (await response.json()) as Record<string, unknown>;
  expect(answer).toMatchObject({ name: "messages (form)", rows: 3, positives: 1, negatives: 2, positiveLabel: "spam", negativeLabel: "ham" });
  expect(answer.mapping).toMatchObject({ label: "label", score: "spam_score", id: "message_id", text: "text", slices: ["channel"], extras: [] });
  expect((answer.dataset as Record<string, unknown>).sourceFile).toBe("messages.csv");
  const rows = (await storedPredictions(database, answer.id as number));
  expect(rows.map((r) => [r.row, r.text, r.label, r.slices])).toEqual([
    [2, "Win a prize, now!", 1, '["sms"]'],
    [3, "see you at 5", 0, '["chat"]'],
    [4, "two\nlines", 0, '["chat"]'],
  ]);
});

test("string labels with positive= as a query parameter; quoted delimiters and quotes", async () => {
  const csv = 'label,score,note\ncat,0.8,"a, b"\ndog,0.3,"say ""hi"""\ncat,0.6,x\n';
  const { status, body } = await postCsv(baseUrl, csv, { positive: "cat" });
  expect(status).toBe(201);
  expect(body).toMatchObject({ rows: 3, positives: 2, negatives: 1, positiveLabel: "cat", negativeLabel: "dog" });
  const rows = (await storedPredictions(database, body.id as number));
  expect(rows.map((r) => JSON.parse(r.extras as string))).toEqual([["a, b"], ['say "hi"'], ["x"]]);
});

test("true/false and yes/no labels need no positive", async () => {
  const a = await postCsv(baseUrl, "is_spam,score\nTrue,0.9\nFalse,0.1\nfalse,0.2\n");
  expect(a.body).toMatchObject({ rows: 3, positives: 1, negatives: 2, positiveLabel: "True", negativeLabel: "False" });
  const b = await postCsv(baseUrl, "label,score\nyes,0.9\nno,0.1\n");
  expect(b.body).toMatchObject({ rows: 2, positives: 1, negatives: 1 });
});

test("timestamps: ISO 8601 with and without offset, Unix seconds and milliseconds, stored as UTC ms", async () => {
  const csv = "label,score,timestamp\n1,0.9,2026-11-02T10:00:00Z\n0,0.1,2026-11-02T12:00:00+02:00\n0,0.2,1793613600\n1,0.7,1793613600000\n0,0.3,2026-11-02 10:00:00\n";
  const { status, body } = await postCsv(baseUrl, csv);
  expect(status).toBe(201);
  const expected = Date.UTC(2026, 10, 2, 10);
  expect((await storedPredictions(database, body.id as number)).map((r) => r.timestamp)).toEqual([expected, expected, expected, expected, expected]);
  expect(body.dataset).toMatchObject({ timestampMin: "2026-11-02T10:00:00.000Z", timestampMax: "2026-11-02T10:00:00.000Z" });
});

test("slices and extra columns are kept; explicit mapping overrides detection", async () => {
  const rows = Array.from({ length: 20 }, (_, i) => `u${i},${i % 4 === 0 ? 1 : 0},${(i / 20).toFixed(2)},${["US", "GB"][i % 2]},${["web", "app"][i % 2]},${i * 3}`);
  const csv = `user_id,churned,churn_score,country,platform,tenure_days\n${rows.join("\n")}\n`;
  const { status, body } = await postCsv(baseUrl, csv, { label: "churned", score: "churn_score", slice: ["country", "platform"] });
  expect(status).toBe(201);
  expect(body.mapping).toEqual({
    label: "churned", score: "churn_score", id: "user_id", timestamp: null, text: null, image: null,
    slices: ["country", "platform"], extras: ["tenure_days"],
    columns: ["user_id", "churned", "churn_score", "country", "platform", "tenure_days"],
  });
  const stored = (await storedPredictions(database, body.id as number));
  expect(stored[3]).toMatchObject({ row: 5, exampleId: "u3", label: 0, score: 0.15, slices: '["GB","app"]', extras: '["9"]' });
});

test("empty label cells import as unlabelled rows", async () => {
  const { body } = await postCsv(baseUrl, "label,score\n1,0.9\n,0.5\n0,0.1\n,0.4\n");
  expect(body).toMatchObject({ rows: 4, positives: 1, negatives: 1, unlabeled: 2 });
  expect((await storedPredictions(database, body.id as number)).map((r) => r.label)).toEqual([1, null, 0, null]);
});
