/**
 * Unpaired comparison (an A/B test: the two models saw different examples): differences of rates
 * with Newcombe's hybrid score intervals, and a check of the traffic split.
 */
import { classVolumes, type OutcomeCounts, type Traffic, wilsonInterval } from "../story/daily";
import type { DailyDifference } from "./bootstrap";
import { type Margins, type NonInferiority, nonInferiorityVerdicts } from "./non-inferiority";
import { chiSquare1PValue, Z95, Z95_ONE_SIDED } from "./special";

/**
 * Newcombe's hybrid score interval for p₁ − p₂ of two independent proportions k₁/n₁ and k₂/n₂
 * (Newcombe 1998, "Interval estimation for the difference between independent proportions",
 * method 10): from the Wilson intervals (l₁, u₁), (l₂, u₂),
 * [δ − √((p₁ − l₁)² + (u₂ − p₂)²), δ + √((u₁ − p₁)² + (p₂ − l₂)²)]. Null when n₁ or n₂ is 0.
 */
export function newcombeInterval(k1: number, n1: number, k2: number, n2: number, z = Z95): [number, number] | null {
  const w1 = wilsonInterval(k1, n1, z);
  const w2 = wilsonInterval(k2, n2, z);
  if (!w1 || !w2) return null;
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const d = p1 - p2;
  return [d - Math.hypot(p1 - w1[0], w2[1] - p2), d + Math.hypot(w1[1] - p1, p2 - w2[0])];
}

/** A rate of each arm and B − A, with Newcombe's 95% interval. */
export interface RateDifference {
  a: number | null;
  b: number | null;
  /** b − a; null when either rate is. */
  difference: number | null;
  interval: [number, number] | null;
}

function rateDifference(kA: number, nA: number, kB: number, nB: number): RateDifference {
  const a = nA ? kA / nA : null;
  const b = nB ? kB / nB : null;
  return { a, b, difference: a === null || b === null ? null : b - a, interval: newcombeInterval(kB, nB, kA, nA) };
}

/** Sample-ratio mismatch: were the arms as large as the intended split says? */
export interface SampleRatioCheck {
  rowsA: number;
  rowsB: number;
  /** Intended share of the traffic sent to A, in (0, 1). */
  intendedShareA: number;
  /** rowsA / (rowsA + rowsB); null without rows. */
  observedShareA: number | null;
  /** Pearson's χ² of the two counts against the intended split, 1 degree of freedom. */
  chiSquare: number;
  /** P(χ²₁ ≥ chiSquare) = erfc(√(χ²/2)), exact. */
  pValue: number;
  /** pValue < 0.001: the split is broken and the comparison should not be trusted. */
  mismatch: boolean;
}

/** The chi-square goodness-of-fit test of the arm sizes against the intended split (warns at p < 0.001). */
export function sampleRatioCheck(rowsA: number, rowsB: number, intendedShareA = 0.5): SampleRatioCheck {
  if (!(intendedShareA > 0 && intendedShareA < 1)) throw new Error(`the intended share of A must be between 0 and 1, got ${intendedShareA}`);
  const total = rowsA + rowsB;
  const expectedA = total * intendedShareA;
  const expectedB = total - expectedA;
  const chiSquare = total ? (rowsA - expectedA) ** 2 / expectedA + (rowsB - expectedB) ** 2 / expectedB : 0;
  const pValue = chiSquare1PValue(chiSquare);
  return { rowsA, rowsB, intendedShareA, observedShareA: total ? rowsA / total : null, chiSquare, pValue, mismatch: pValue < 0.001 };
}

/** The A/B test's answer: rate differences, daily differences, the split check and verdicts. */
export interface UnpairedComparison {
  /** Share of positives flagged (caught). */
  recall: RateDifference;
  /** Share of negatives flagged (false alarms). */
  falsePositiveRate: RateDifference;
  /** Share of flagged items that are positive. */
  precision: RateDifference;
  /** Share of all items flagged. */
  flagRate: RateDifference;
  /** B − A a day: each rate difference × its class's items a day (`upper` from Newcombe at 90%). */
  daily: { caught: DailyDifference; missed: DailyDifference; falseAlarms: DailyDifference };
  sampleRatio: SampleRatioCheck;
  nonInferiority: NonInferiority[];
}

/** (k_B/n_B − k_A/n_A) × class items a day, with Newcombe ranges scaled alike. */
function scaledDifference(kA: number, nA: number, kB: number, nB: number, perDay: number): DailyDifference {
  if (perDay === 0) return { perDay: 0, range: [0, 0], upper: 0 };
  const range = newcombeInterval(kB, nB, kA, nA);
  const oneSided = newcombeInterval(kB, nB, kA, nA, Z95_ONE_SIDED);
  if (!range || !oneSided) return { perDay: null, range: null, upper: null };
  return { perDay: (kB / nB - kA / nA) * perDay, range: [range[0] * perDay, range[1] * perDay], upper: oneSided[1] * perDay };
}

/**
 * Compares two arms that saw different examples, each at its own threshold (counts from each
 * dataset's score table). All differences are B − A; intervals are Newcombe's hybrid score (95%),
 * and the non-inferiority bounds its one-sided 95% limit (the 90% interval's end).
 */
export function compareUnpaired(a: OutcomeCounts, b: OutcomeCounts, traffic: Traffic, options: { intendedShareA?: number; margins?: Margins } = {}): UnpairedComparison {
  const positives = (c: OutcomeCounts) => c.tp + c.fn;
  const negatives = (c: OutcomeCounts) => c.fp + c.tn;
  const flagged = (c: OutcomeCounts) => c.tp + c.fp;
  const rows = (c: OutcomeCounts) => positives(c) + negatives(c);
  const day = classVolumes(traffic);
  const caught = scaledDifference(a.tp, positives(a), b.tp, positives(b), day.positives);
  const missed = scaledDifference(a.fn, positives(a), b.fn, positives(b), day.positives);
  const falseAlarms = scaledDifference(a.fp, negatives(a), b.fp, negatives(b), day.negatives);
  return {
    recall: rateDifference(a.tp, positives(a), b.tp, positives(b)),
    falsePositiveRate: rateDifference(a.fp, negatives(a), b.fp, negatives(b)),
    precision: rateDifference(a.tp, flagged(a), b.tp, flagged(b)),
    flagRate: rateDifference(flagged(a), rows(a), flagged(b), rows(b)),
    daily: { caught, missed, falseAlarms },
    sampleRatio: sampleRatioCheck(rows(a), rows(b), options.intendedShareA),
    nonInferiority: nonInferiorityVerdicts(options.margins ?? {}, { missed: missed.upper, falseAlarms: falseAlarms.upper }, "Newcombe hybrid score"),
  };
}
