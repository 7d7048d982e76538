/**
 * Intervals on the daily differences between the models (B − A) at fixed thresholds, by a paired
 * bootstrap over the example ids, drawn as multinomials over the paired cells.
 */
import { classVolumes, type Traffic } from "../story/daily";
import { cellOf } from "./paired-table";
import { multinomialSample, seededRandom } from "./sampling";

/** A difference B − A in items a day, with its 95% range. */
export interface DailyDifference {
  /** B's count a day minus A's; null when the class arrives but the matched rows have none of it. */
  perDay: number | null;
  /** 2.5th and 97.5th percentiles of the bootstrap replicates; null where perDay is. */
  range: [number, number] | null;
  /** 95th percentile of the replicates: the one-sided 95% upper bound; null where perDay is. */
  upper: number | null;
}

/** The four daily differences of the comparison. */
export interface DailyDifferences {
  /** Positives caught a day: B − A (negative when B catches fewer). */
  caught: DailyDifference;
  /** Positives missed a day: B − A (= −caught). */
  missed: DailyDifference;
  /** Negatives flagged a day (false alarms): B − A. */
  falseAlarms: DailyDifference;
  /** Items flagged a day (the review load): B − A. */
  flagged: DailyDifference;
  /** How the ranges were made. */
  bootstrap: { replicates: number; seed: number };
}

export interface BootstrapOptions {
  /** Replicates (default 2,000). */
  replicates?: number;
  /** Seed of the PRNG (default 1): the same input and seed give the same ranges. */
  seed?: number;
}

/** The q-quantile of ascending values with linear interpolation (numpy's default "linear"). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

function summarize(perDay: number | null, replicates: Float64Array): DailyDifference {
  const kept = replicates.filter((x) => !Number.isNaN(x)).sort();
  if (perDay === null || kept.length === 0) return { perDay, range: null, upper: null };
  return { perDay, range: [quantileSorted(kept, 0.025), quantileSorted(kept, 0.975)], upper: quantileSorted(kept, 0.95) };
}

/** (count / class total) × class items a day, as lib/story/daily scales; NaN for an unknown rate. */
const perDayOf = (count: number, classTotal: number, classPerDay: number) => (classPerDay === 0 ? 0 : classTotal === 0 ? Number.NaN : (count / classTotal) * classPerDay);
const known = (x: number) => (Number.isNaN(x) ? null : x);

/**
 * Paired bootstrap over example ids, percentile intervals. A replicate draws n matched ids with
 * replacement; with the thresholds held fixed, all that matters of a row is its cell (class ×
 * which models flag it), so a replicate is exactly one Multinomial(n, cell counts / n) draw over
 * six cells (per class: only A flags, only B flags, both or neither), not a million row draws.
 *
 * The thresholds are NOT re-chosen per replicate: at the same load they are chosen once on the
 * matched rows and then held fixed, as they would be in production; the ranges are those of the
 * differences at these thresholds. Class totals vary per replicate (ids are drawn from both
 * classes together) and each count is scaled by its replicate's class total; a replicate without
 * a class leaves that class's figures out. With no discordant row in a class the range is [0, 0]:
 * a bootstrap cannot show a difference the sample never had.
 */
export function pairedBootstrap(cells: ArrayLike<number>, traffic: Traffic, options: BootstrapOptions = {}): DailyDifferences {
  const replicates = options.replicates ?? 2000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(replicates) || replicates < 1) throw new Error(`the bootstrap needs a whole number of replicates, 1 or more, got ${replicates}`);
  const day = classVolumes(traffic);
  const at = (label: number, a: boolean, b: boolean) => cells[cellOf(label, a, b)];
  // Positives: only A, only B, concordant; negatives: the same.
  const weights = Float64Array.of(
    at(1, true, false), at(1, false, true), at(1, true, true) + at(1, false, false),
    at(0, true, false), at(0, false, true), at(0, true, true) + at(0, false, false),
  );
  const n = weights.reduce((sum, w) => sum + w, 0);
  const missed = (w: ArrayLike<number>) => perDayOf(w[0] - w[1], w[0] + w[1] + w[2], day.positives);
  const falseAlarms = (w: ArrayLike<number>) => perDayOf(w[4] - w[3], w[3] + w[4] + w[5], day.negatives);
  const draws = { missed: new Float64Array(replicates), caught: new Float64Array(replicates), falseAlarms: new Float64Array(replicates), flagged: new Float64Array(replicates) };
  const random = seededRandom(seed);
  const draw = new Float64Array(6);
  for (let r = 0; r < replicates; r++) {
    multinomialSample(n, weights, random, draw);
    const m = missed(draw);
    const f = falseAlarms(draw);
    draws.missed[r] = m;
    draws.caught[r] = 0 - m;
    draws.falseAlarms[r] = f;
    draws.flagged[r] = f - m;
  }
  const m = known(missed(weights));
  const f = known(falseAlarms(weights));
  return {
    caught: summarize(m === null ? null : 0 - m, draws.caught),
    missed: summarize(m, draws.missed),
    falseAlarms: summarize(f, draws.falseAlarms),
    flagged: summarize(m === null || f === null ? null : f - m, draws.flagged),
    bootstrap: { replicates, seed },
  };
}
