import { seededRandom } from "../demo/random";
import { allocate, buildStrata, DEFAULT_STRATA, mergeStrata, type StrataOptions } from "./strata";
import type { AllocationRule, AuditDesign, AuditFrame, AuditItem, AuditStratum } from "./types";

/** How to draw an audit. */
export interface DrawOptions {
  /** Rows to draw (at most the frame's rows). */
  size: number;
  seed: number;
  /** Thresholds to make stratum boundaries, e.g. the one in use. */
  thresholds?: readonly number[];
  rule?: Partial<AllocationRule>;
  strata?: StrataOptions;
}

/**
 * The allocation tuned on the coverage simulation (tests/unit/audit-coverage.test.ts): n_h ∝
 * N_h^0.35, at least 4 rows a stratum, 10% of rows to two reviewers.
 */
export const DEFAULT_RULE: AllocationRule = { power: 0.35, minimumPerStratum: 4, doubleReviewShare: 0.1 };

/** The random stream of draw `round` (0 first) of an audit seeded `seed`. */
const streamOf = (seed: number, round: number) => seededRandom((seed ^ Math.imul(round + 1, 0x9e3779b9)) >>> 0);

/**
 * `extra` more positions of the stratum, uniformly among those not drawn yet, in random order:
 * rejection sampling when the stratum is sparsely drawn, a partial Fisher–Yates shuffle of the rest
 * otherwise. O(extra) either way but for small strata (O(N_h) with N_h ≤ 4·n_h).
 */
function drawMore(stratum: AuditStratum, taken: Set<number>, extra: number, random: () => number): number[] {
  const out: number[] = [];
  if (stratum.rows <= 4 * (taken.size + extra)) {
    const rest: number[] = [];
    for (let p = stratum.start; p < stratum.end; p++) if (!taken.has(p)) rest.push(p);
    for (let i = 0; i < extra; i++) {
      const j = i + Math.floor(random() * (rest.length - i));
      [rest[i], rest[j]] = [rest[j], rest[i]];
      out.push(rest[i]);
    }
    return out;
  }
  while (out.length < extra) {
    const p = stratum.start + Math.floor(random() * stratum.rows);
    if (!taken.has(p)) {
      taken.add(p);
      out.push(p);
    }
  }
  return out;
}

/**
 * Queue keys of a stratum's new rows (the j-th drawn in the stratum overall): the first two rows of
 * every stratum come first, then each stratum's rows are spread evenly over the rest of the queue
 * (systematic interleaving with a random start), so every prefix of the queue is itself close to
 * the allocation.
 */
function queueKey(j: number, stratumTotal: number, start: number): number {
  return j < 2 ? (j + start) / 2 - 2 : (j + start) / stratumTotal;
}

/** Adds draw number `design.rounds` to the design, bringing it to the sizes `targets`. */
function addRound<Id>(design: AuditDesign<Id>, frame: AuditFrame<Id>, targets: number[]): AuditDesign<Id> {
  const random = streamOf(design.seed, design.rounds);
  const fresh: { item: AuditItem<Id>; key: number }[] = [];
  const strata = design.strata.map((s) => ({ ...s }));
  const takenBy = strata.map(() => new Set<number>());
  for (const item of design.items) takenBy[item.stratum].add(item.position);
  strata.forEach((stratum, h) => {
    const extra = targets[h] - stratum.sampled;
    if (extra <= 0) return;
    const start = random();
    drawMore(stratum, takenBy[h], extra, random).forEach((position, i) => {
      const { id, score } = frame.rowAt(position);
      const item: AuditItem<Id> = { id, position, score, stratum: h, inclusionProbability: 0, order: 0, doubleReview: false, round: design.rounds };
      fresh.push({ item, key: queueKey(stratum.sampled + i, targets[h], start) });
    });
    stratum.sampled = targets[h];
  });
  fresh.sort((a, b) => a.key - b.key);
  const doubles = Math.round(design.rule.doubleReviewShare * fresh.length);
  const picks = fresh.map((_, i) => i);
  for (let i = 0; i < doubles; i++) {
    const j = i + Math.floor(random() * (picks.length - i));
    [picks[i], picks[j]] = [picks[j], picks[i]];
    fresh[picks[i]].item.doubleReview = true;
  }
  const items = [...design.items.map((item) => ({ ...item })), ...fresh.map((f) => f.item)];
  items.forEach((item, order) => {
    item.order = order;
    item.inclusionProbability = strata[item.stratum].sampled / strata[item.stratum].rows;
  });
  return { ...design, size: items.length, rounds: design.rounds + 1, strata, items };
}

function checkSize(size: number, rows: number): void {
  if (!Number.isInteger(size) || size < 1) throw new Error(`audit size must be a whole number from 1, not ${size}`);
  if (size > rows) throw new Error(`audit size ${size} is more than the ${rows} rows of the frame`);
}

/**
 * Draws a stratified audit from a frame sorted by score: strata from `buildStrata`, sizes from
 * the power allocation, a simple random sample without replacement in each stratum (an audit
 * smaller than minimumPerStratum × strata first merges the smallest neighbouring strata). Seeded: the
 * same frame, options and seed give the same design. O(size + strata · log N) (strata smaller
 * than 4·n_h are walked whole).
 */
export function drawAudit<Id>(frame: AuditFrame<Id>, options: DrawOptions): AuditDesign<Id> {
  const N = frame.rows;
  checkSize(options.size, N);
  const rule = { ...DEFAULT_RULE, ...options.rule };
  // A small audit gets fewer strata, so that each can have its minimum of rows.
  const built = buildStrata(frame, options.thresholds, options.strata ?? DEFAULT_STRATA);
  const strata = mergeStrata(built, Math.floor(options.size / Math.max(1, rule.minimumPerStratum)));
  const targets = allocate(strata.map((s) => s.rows), options.size, rule.power, rule.minimumPerStratum);
  const empty: AuditDesign<Id> = { rows: N, size: 0, seed: options.seed >>> 0, rounds: 0, rule, strata, items: [] };
  return addRound(empty, frame, targets);
}

/**
 * Raises an audit to `size` rows without touching its design: the strata stay frozen, the new
 * sizes are the same power allocation at the new size with every stratum keeping what it has
 * (never a look at the labels), and each stratum's extra rows are an SRS of its rows not drawn yet.
 * An SRS of n_h rows plus an SRS of k rows from the other N_h − n_h is an SRS of n_h + k rows (every
 * (n_h + k)-subset is equally likely: the two draws are the first n_h + k places of one random
 * permutation), so every inclusion probability becomes (n_h + k)/N_h and the estimators are unchanged.
 */
export function topUpAudit<Id>(design: AuditDesign<Id>, frame: AuditFrame<Id>, size: number): AuditDesign<Id> {
  if (frame.rows !== design.rows) throw new Error(`frame has ${frame.rows} rows but the audit was drawn from ${design.rows}`);
  for (const s of design.strata) {
    if (frame.scoreAt(s.start) !== s.minScore || frame.scoreAt(s.end - 1) !== s.maxScore) throw new Error("frame differs from the one the audit was drawn from");
  }
  checkSize(size, design.rows);
  if (size < design.size) throw new Error(`an audit of ${design.size} rows cannot shrink to ${size}`);
  if (size === design.size) return design;
  const already = design.strata.map((s) => s.sampled);
  const targets = allocate(design.strata.map((s) => s.rows), size, design.rule.power, design.rule.minimumPerStratum, already);
  return addRound(design, frame, targets);
}
