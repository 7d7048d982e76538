/**
 * The responsiveness benchmark's files: evaluation rows with ~N distinct float scores (the worst
 * case for score tables and curves), two slice columns, an amount and a short text, written once
 * into bench/tmp (git-ignored); and the bodies of an append and of late labels.
 */
import fs from "node:fs";
import path from "node:path";
import { seededRandom } from "../lib/demo/random";

export const HEADER = "example_id,timestamp,amount,merchant_category,country,label,score,text\n";
const CATEGORIES = ["grocery", "travel", "electronics", "fuel", "fashion", "games", "pharmacy", "restaurants", "digital", "transfer"];
const COUNTRIES = ["FR", "DE", "ES", "IT", "GB", "US", "NL", "BE", "PL", "SE", "PT", "IE"];
const START = Date.UTC(2026, 9, 1);

/** Row `i` (from 0) of the data set, with example id `ex-<i>`: 3% positives, positives scoring high. */
export function rowLine(i: number, random: () => number): string {
  const positive = random() < 0.03;
  const u = random();
  const score = positive ? 1 - u * u * u : u * u * u;
  const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)];
  const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)];
  const amount = (1 + random() * 500).toFixed(2);
  const time = new Date(START + i * 600).toISOString();
  return `ex-${i},${time},${amount},${category},${country},${positive ? 1 : 0},${score},order ${i % 9973} at shop ${i % 311}\n`;
}

/** A CSV of `rows` rows (ids ex-0 … ex-<rows − 1>), written once; its path. */
export async function rowsFile(dir: string, rows: number): Promise<string> {
  const file = path.join(dir, `responsive-${rows / 1e6}m.csv`);
  if (fs.existsSync(`${file}.done`)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const out = fs.createWriteStream(file);
  const random = seededRandom(18);
  let buffered = HEADER;
  for (let i = 0; i < rows; i++) {
    buffered += rowLine(i, random);
    if (buffered.length < 1 << 20) continue;
    if (!out.write(buffered)) await new Promise<void>((r) => out.once("drain", () => r()));
    buffered = "";
  }
  out.end(buffered);
  await new Promise<void>((r) => out.once("finish", () => r()));
  fs.writeFileSync(`${file}.done`, "");
  return file;
}

/** A CSV body of `rows` new rows, ids ex-<from> onwards. */
export function appendBody(from: number, rows: number): string {
  const random = seededRandom(from);
  let body = HEADER;
  for (let i = from; i < from + rows; i++) body += rowLine(i, random);
  return body;
}

/** A CSV of late labels for `count` of the first `rows` example ids (every k-th), all set to 1. */
export function labelsBody(rows: number, count: number): string {
  const step = Math.max(1, Math.floor(rows / count));
  const lines = ["example_id,label"];
  for (let i = 0; i < count; i++) lines.push(`ex-${i * step},1`);
  return lines.join("\n") + "\n";
}
