import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";

// The CLI end to end: `npm run ingest` (tsx scripts/ingest.ts) against a temporary database.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-cli-"));
const databaseFile = path.join(dir, "cli.db");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function ingest(...args: string[]) {
  const result = spawnSync("npx", ["tsx", "scripts/ingest.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, CUTOFF_DEMO: "false", TZ: "UTC" },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function counts() {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
    return { datasets: n("Dataset"), predictions: n("Prediction") };
  } finally {
    db.close();
  }
}

test("imports a gzip CSV with string labels and prints the id and summary", () => {
  const csv = "message_id,text,label,spam_score,channel\n" + Array.from({ length: 40 }, (_, i) => `m${i},"hello, ${i}",${i % 4 === 0 ? "spam" : "ham"},${(i / 40).toFixed(3)},${i % 2 ? "sms" : "email"}`).join("\n") + "\n";
  const file = path.join(dir, "messages.csv.gz");
  fs.writeFileSync(file, gzipSync(csv));
  const result = ingest(file, "--name", "Spam (CLI)", "--positive", "spam", "--slice", "channel");
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('dataset 1: "Spam (CLI)"');
  expect(result.stdout).toContain('40 rows: 10 positive ("spam"), 30 negative ("ham"), 0 unlabelled; positive share 25.00%');
  expect(result.stdout).toContain("columns: label=label score=spam_score id=message_id text=text slices=channel");
  expect(result.stdout).toContain("(gzip)");
  expect(counts()).toEqual({ datasets: 1, predictions: 40 });
}, 60_000);

test("a bad file exits with status 1, the problems, and nothing kept", () => {
  const file = path.join(dir, "bad.csv");
  fs.writeFileSync(file, "label,score\n1,0.5\n0,high\n1,2\n");
  const result = ingest(file);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('cutoff ingest: row 3, column "score": "high" is not a number (and 1 more problem)');
  expect(result.stderr).toContain('- row 4, column "score": "2" is outside [0, 1]');
  expect(counts()).toEqual({ datasets: 1, predictions: 40 });
}, 60_000);

test("usage errors", () => {
  expect(ingest().status).toBe(1);
  const missing = ingest(path.join(dir, "nope.csv"));
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain("no such file");
  const flag = ingest(path.join(dir, "bad.csv"), "--labell", "x");
  expect(flag.status).toBe(1);
  expect(flag.stderr).toContain("usage: npm run ingest");
}, 120_000);

test("--encoding reads a Latin-1 file that UTF-8 refuses, and says so", () => {
  const file = path.join(dir, "cities.csv");
  fs.writeFileSync(file, Buffer.from("label,score,city\n1,0.9,Besançon\n0,0.2,Zürich\n", "latin1"));
  const refused = ingest(file);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain('cutoff ingest: row 2, column "city": the cell is not valid UTF-8 (byte 0xE7): if the file is not UTF-8, name its encoding (encoding=windows-1252 or latin1) (and 1 more problem)');
  const read = ingest(file, "--encoding", "iso-8859-1");
  expect(read.stderr).toBe("");
  expect(read.stdout).toMatch(/ in \d+\.\d\d s, read as latin1\n/);
  const db = new Database(databaseFile, { readonly: true });
  try {
    const row = db.prepare(`SELECT "mapping" FROM "Import" ORDER BY "id" DESC LIMIT 1`).get() as { mapping: string };
    expect(JSON.parse(row.mapping).encoding).toBe("latin1");
    expect(db.prepare(`SELECT "slices" FROM "Prediction" ORDER BY "id" DESC LIMIT 2`).all()).toEqual([{ slices: '["Zürich"]' }, { slices: '["Besançon"]' }]);
  } finally {
    db.close();
  }
  const bad = ingest(file, "--encoding", "ebcdic");
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain('--encoding must be one of utf-8, windows-1252, latin1 (or iso-8859-1, cp1252), not "ebcdic"');
}, 120_000);

test("--append-to adds a file's rows to a dataset; a re-sent file is refused, --skip-duplicates leaves it out", () => {
  const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => `m${from + k},"more ${from + k}",${(from + k) % 4 === 0 ? "spam" : "ham"},${((from + k) / 80).toFixed(3)},sms`).join("\n");
  const file = path.join(dir, "more.csv");
  fs.writeFileSync(file, "message_id,text,label,spam_score,channel\n" + rows(40, 60) + "\n");
  const before = counts();
  const added = ingest(file, "--append-to", "1");
  expect(added.stderr).toBe("");
  expect(added.status).toBe(0);
  expect(added.stdout).toContain("dataset 1: added 20 rows");
  expect(added.stdout).toContain("now 60 rows: 15 positive, 45 negative, 0 unlabelled");
  const again = ingest(file, "--append-to", "1");
  expect(again.status).toBe(1);
  expect(again.stderr).toContain("20 rows have ids the dataset already has");
  expect(counts()).toEqual({ datasets: before.datasets, predictions: before.predictions + 20 });
  fs.writeFileSync(file, "message_id,text,label,spam_score,channel\n" + rows(55, 65) + "\n");
  const skipped = ingest(file, "--append-to", "1", "--skip-duplicates");
  expect(skipped.stdout).toContain("dataset 1: added 5 rows (skipped 5 it already had)");
  expect(counts()).toEqual({ datasets: before.datasets, predictions: before.predictions + 25 });
  const wrong = ingest(file, "--append-to", "99");
  expect(wrong.status).toBe(1);
  expect(wrong.stderr).toContain("dataset 99 not found");
}, 120_000);

test("--model and --version put the new dataset under a model and version; --version alone is refused", () => {
  const file = path.join(dir, "scores.csv");
  fs.writeFileSync(file, "transaction_id,label,score\nt1,1,0.9\nt2,0,0.2\n");
  const result = ingest(file, "--name", "fraud int8", "--model", "fraud", "--version", "int8");
  expect(result.stderr).toBe("");
  expect(result.stdout).toMatch(/^dataset \d+: "fraud int8", model "fraud" version "int8"$/m);
  const db = new Database(databaseFile, { readonly: true });
  try {
    expect(db.prepare(`SELECT "modelName", "modelVersion" FROM "Dataset" ORDER BY "id" DESC LIMIT 1`).get()).toEqual({ modelName: "fraud", modelVersion: "int8" });
  } finally {
    db.close();
  }
  const alone = ingest(file, "--version", "int8");
  expect(alone.status).toBe(1);
  expect(alone.stderr).toContain("--version needs --model");
}, 120_000);
