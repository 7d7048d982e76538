/**
 * Two CSV files of the same transactions scored by a "float32" model and its "int8" copy, for
 * the comparison's API and browser tests: B's rows are shuffled, some ids are in one file only,
 * a few labels differ between the files and a few are missing. The rows are returned too, so
 * tests can compute the expected figures by brute force.
 */
import { seededRandom } from "../../lib/demo/random";

export interface PairRow {
  id: string;
  timestamp: string;
  country: string;
  /** "" = not labelled in this file. */
  label: "" | "0" | "1";
  score: number;
}

export interface CsvPair {
  a: PairRow[];
  b: PairRow[];
  csvA: string;
  csvB: string;
}

const HEADER = "transaction_id,timestamp,country,is_fraud,fraud_probability";
const START = Date.UTC(2026, 10, 2);
const csvOf = (rows: PairRow[]) => [HEADER, ...rows.map((r) => [r.id, r.timestamp, r.country, r.label, r.score.toFixed(4)].join(","))].join("\n") + "\n";

/** `n` transactions over 2 days; about 5% only in A, 5% only in B, 1% with conflicting labels. */
export function csvPair(n: number, seed = 16): CsvPair {
  const random = seededRandom(seed);
  const a: PairRow[] = [];
  const b: PairRow[] = [];
  for (let i = 0; i < n; i++) {
    const fraud = random() < 0.08;
    const u = random();
    const scoreA = Math.min(1, Math.max(0, fraud ? 0.45 + 0.55 * Math.sqrt(u) : 0.6 * u * u));
    const scoreB = Math.min(1, Math.max(0, Math.round(scoreA * 64) / 64 + (random() - 0.5) * 0.02));
    const base = { id: `tx-${String(i).padStart(5, "0")}`, timestamp: new Date(START + Math.floor((i / n) * 2 * 86_400_000)).toISOString(), country: ["FR", "DE", "US", "BR"][Math.floor(random() * 4)], label: (fraud ? "1" : "0") as PairRow["label"] };
    const side = random();
    if (side < 0.05) a.push({ ...base, score: scoreA });
    else if (side < 0.1) b.push({ ...base, score: scoreB });
    else {
      const conflict = random() < 0.01;
      const missing = random() < 0.01;
      a.push({ ...base, score: scoreA });
      b.push({ ...base, score: scoreB, label: missing ? "" : conflict ? (fraud ? "0" : "1") : base.label });
    }
  }
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [b[i], b[j]] = [b[j], b[i]];
  }
  return { a, b, csvA: csvOf(a), csvB: csvOf(b) };
}

/** The matched rows a join by id gives (scores as written to the files, 4 decimals), and what it leaves out. */
export function matchByHand(pair: CsvPair) {
  const inB = new Map(pair.b.map((r) => [r.id, r]));
  const idsA = new Set(pair.a.map((r) => r.id));
  const matched: { id: string; scoreA: number; scoreB: number; label: number; country: string }[] = [];
  let labelConflicts = 0;
  for (const r of pair.a) {
    const other = inB.get(r.id);
    if (!other) continue;
    const label = r.label || other.label;
    if (r.label && other.label && r.label !== other.label) labelConflicts++;
    else if (label) matched.push({ id: r.id, scoreA: Number(r.score.toFixed(4)), scoreB: Number(other.score.toFixed(4)), label: Number(label), country: r.country });
  }
  return { matched, labelConflicts, onlyA: pair.a.filter((r) => !inB.has(r.id)).length, onlyB: pair.b.filter((r) => !idsA.has(r.id)).length };
}
