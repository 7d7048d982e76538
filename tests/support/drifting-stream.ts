/**
 * A drifting production stream for the monitoring tests: 10 UTC days from Monday 5 Oct 2026,
 * 150 transactions a day (timestamps in any order), 12 rows without a timestamp, scores with two
 * decimals (ties), 20% fraudulent. From day 6 on the valid transactions' scores move up by 0.2:
 * more false alarms and drift. Sent as an import (days 0–3, some labels missing), an NDJSON append
 * (days 4–6), a CSV append (days 7–9 and the undated rows), then late labels for half the missing.
 */
import { seededRandom } from "@/lib/demo/random";
import { postCsv } from "./ingest-client";

export const DAY = 86_400_000;
export const START = Date.UTC(2026, 9, 5);
export const DAYS = 10;
export const DRIFT_FROM_DAY = 6;

export interface StreamRow {
  id: string;
  /** Epoch ms, or null for a row without a timestamp. */
  time: number | null;
  score: number;
  label: 0 | 1;
  /** Whether the label is sent with the row (else it arrives late, or never). */
  labelled: boolean;
  /** Whether a late label arrives for it. */
  lateLabel: boolean;
}

export function streamRows(seed = 14): StreamRow[] {
  const random = seededRandom(seed);
  const rows: StreamRow[] = [];
  const score = (label: number, day: number) => {
    const base = label ? 0.45 + random() * 0.55 : random() ** 2 * 0.6 + (day >= DRIFT_FROM_DAY ? 0.2 : 0);
    return Math.min(1, Math.round(base * 100) / 100);
  };
  for (let d = 0; d < DAYS; d++) {
    for (let i = 0; i < 150; i++) {
      const label = random() < 0.2 ? 1 : 0;
      const labelled = random() < (d >= 8 ? 0.6 : 0.9);
      rows.push({ id: `tx-${d}-${i}`, time: START + d * DAY + Math.floor(random() * DAY), score: score(label, d), label, labelled, lateLabel: !labelled && random() < 0.5 });
    }
  }
  for (let i = 0; i < 12; i++) {
    const label = random() < 0.2 ? 1 : 0;
    rows.push({ id: `undated-${i}`, time: null, score: score(label, 0), label, labelled: true, lateLabel: false });
  }
  return rows;
}

/** The label a row has once the stream is sent: 1, 0, or null (never labelled). */
export const finalLabel = (r: StreamRow) => (r.labelled || r.lateLabel ? r.label : null);

const HEADER = "transaction_id,timestamp,fraud_probability,is_fraud";
const csvOf = (rows: StreamRow[]) => [HEADER, ...rows.map((r) => [r.id, r.time === null ? "" : new Date(r.time).toISOString(), r.score.toFixed(2), r.labelled ? String(r.label) : ""].join(","))].join("\n") + "\n";
export const MAPPING = { id: "transaction_id", timestamp: "timestamp", label: "is_fraud", score: "fraud_probability", slice: "" };

async function post(baseUrl: string, path: string, body: string, contentType: string) {
  const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": contentType }, body });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Sends the stream as an import, two appends and late labels; returns the dataset id. */
export async function sendStream(baseUrl: string, rows: StreamRow[], name = "production stream"): Promise<number> {
  const dayOf = (r: StreamRow) => (r.time === null ? DAYS : Math.floor((r.time - START) / DAY));
  const imported = await postCsv(baseUrl, csvOf(rows.filter((r) => dayOf(r) < 4)), { name, ...MAPPING });
  if (imported.status !== 201) throw new Error(JSON.stringify(imported.body));
  const id = imported.body.id as number;
  const ndjson = rows
    .filter((r) => dayOf(r) >= 4 && dayOf(r) < 7)
    .map((r) => JSON.stringify({ transaction_id: r.id, timestamp: new Date(r.time!).toISOString(), fraud_probability: r.score, ...(r.labelled ? { is_fraud: r.label } : {}) }))
    .join("\n");
  await post(baseUrl, `/api/datasets/${id}/rows`, ndjson, "application/x-ndjson");
  await post(baseUrl, `/api/datasets/${id}/rows`, csvOf(rows.filter((r) => dayOf(r) >= 7)), "text/csv");
  const late = rows.filter((r) => r.lateLabel).map((r) => ({ exampleId: r.id, label: String(r.label) }));
  await post(baseUrl, `/api/datasets/${id}/labels`, JSON.stringify({ labels: late }), "application/json");
  return id;
}

/** An evaluation set like the stream before its drift, without timestamps: the reference dataset. */
export function evaluationCsv(seed = 99, n = 1000): string {
  const random = seededRandom(seed);
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const label = random() < 0.2 ? 1 : 0;
    const s = label ? 0.45 + random() * 0.55 : random() ** 2 * 0.6;
    lines.push(`ev-${i},,${Math.min(1, Math.round(s * 100) / 100).toFixed(2)},${label}`);
  }
  return lines.join("\n") + "\n";
}

/** Counts of some rows at a threshold, counted one by one: what every period's figures must equal. */
export function countDirectly(rows: { score: number; label: 0 | 1 | null }[], t: number) {
  const c = { rows: rows.length, labeled: 0, positives: 0, negatives: 0, flagged: 0, tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const r of rows) {
    const flagged = r.score >= t;
    if (flagged) c.flagged++;
    if (r.label === null) continue;
    c.labeled++;
    if (r.label === 1) {
      c.positives++;
      if (flagged) c.tp++;
      else c.fn++;
    } else {
      c.negatives++;
      if (flagged) c.fp++;
      else c.tn++;
    }
  }
  return c;
}

/** The exact two-sample KS statistic by brute force: the largest ECDF gap over every score of either sample. */
export function ksDirectly(a: number[], b: number[]): number {
  const points = [...new Set([...a, ...b])];
  let widest = 0;
  for (const x of points) {
    const fa = a.filter((s) => s <= x).length / a.length;
    const fb = b.filter((s) => s <= x).length / b.length;
    widest = Math.max(widest, Math.abs(fa - fb));
  }
  return widest;
}

/** numpy's default (linear) quantile of a sample. */
export function quantileDirectly(sample: number[], q: number): number {
  const x = [...sample].sort((p, r) => p - r);
  const h = (x.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, x.length - 1);
  const t = h - lo;
  const diff = x[hi] - x[lo];
  return t >= 0.5 ? x[hi] - diff * (1 - t) : x[lo] + diff * t;
}

/** PSI over the reference's deciles (bins edge[i-1] < s <= edge[i]), shares floored at 0.0001, by brute force. */
export function psiDirectly(reference: number[], period: number[]): number {
  const edges = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => quantileDirectly(reference, k / 10));
  const shares = (sample: number[]) => {
    const counts = new Array(10).fill(0);
    for (const s of sample) {
      let bin = 0;
      while (bin < 9 && s > edges[bin]) bin++;
      counts[bin]++;
    }
    return counts.map((c) => Math.max(c / sample.length, 0.0001));
  };
  const [p, q] = [shares(period), shares(reference)];
  return p.reduce((sum, pi, i) => sum + (pi - q[i]) * Math.log(pi / q[i]), 0);
}
