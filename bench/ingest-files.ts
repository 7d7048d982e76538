/** The ingest benchmark's files: the demo's shape at 1M or 5M rows, in three row orders (seeded). */
import fs from "node:fs";
import path from "node:path";
import { DEMO_HEADER, generateFraudDemo, type DemoTransaction } from "../lib/demo/fraud-demo";
import { seededRandom, shuffle } from "../lib/demo/random";

/** time-sorted with sequential ids; timestamps shuffled within each day; and also random (UUID-like) ids. */
export type RowOrder = "sorted" | "unsorted-times" | "random-ids";

const PER_DAY = 100_000;
const SHAPE = { perDay: PER_DAY, fraudPerDay: 3382, missedPerDay: 169, falseAlarmsPerDay: 2415, seed: 7 };

const line = (t: DemoTransaction, id: string) => `${id},${new Date(t.timestamp).toISOString()},${t.amount.toFixed(2)},${t.merchantCategory},${t.country},${t.isFraud},${t.fraudProbability.toFixed(4)}\n`;

/** A UUID-like id from a seeded generator (v4 layout, 36 characters). */
function uuid(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
}

/** Writes the file once (bench/tmp is git-ignored) and returns its path. */
export async function benchFile(dir: string, order: RowOrder, rows: number): Promise<string> {
  const file = path.join(dir, `ingest-${order}-${rows / 1e6}m.csv`);
  if (fs.existsSync(`${file}.done`)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const out = fs.createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((r) => out.once("drain", () => r()));
  };
  const random = seededRandom(12);
  await write(DEMO_HEADER.join(",") + "\n");
  let day: string[] = [];
  for (const t of generateFraudDemo({ ...SHAPE, days: rows / PER_DAY })) {
    day.push(line(t, order === "random-ids" ? uuid(random) : t.transactionId));
    if (day.length < PER_DAY) continue;
    if (order !== "sorted") shuffle(day, random);
    await write(day.join(""));
    day = [];
  }
  out.end();
  await new Promise<void>((r) => out.once("finish", () => r()));
  fs.writeFileSync(`${file}.done`, "");
  return file;
}
