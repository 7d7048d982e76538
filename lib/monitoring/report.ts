import type { ResolvedSettings } from "../story/settings";
import { type DriftReference, type DriftRule, driftReference, periodDrift, type PeriodDrift } from "./drift";
import { periodEstimates, type PeriodEstimates, windowPerDay } from "./estimates";
import { type DataSpan, groupPeriods } from "./periods";
import { countsAt, prepareTable } from "./prepared";
import { replaySentence } from "./sentences";
import type { PeriodCounts, PeriodKind, PeriodTable, PreparedTable } from "./types";

/** Everything that does not depend on the threshold, computed once per dataset version and period kind. */
export interface PreparedMonitoring {
  period: PeriodKind;
  /** The periods, oldest first, gaps filled with empty periods. */
  periods: PreparedTable[];
  reference: DriftReference;
  /** KS, PSI and the drift verdict of each period (same order as `periods`). */
  drift: PeriodDrift[];
  /** Days the reference covers (a window of the same dataset), for its rows a day; null when unknown. */
  referenceDays: number | null;
}

export interface PrepareOptions {
  period: PeriodKind;
  /** Bounds of the data: periods clipped by the first row or by the present cover fewer days. */
  span?: DataSpan;
  drift?: DriftRule;
  referenceDays?: number | null;
}

/**
 * Prepares day (or week) tables for monitoring: groups them into `period`s (days merge into ISO
 * weeks), builds the suffix sums and computes KS, PSI and drift for every period against the
 * reference. The cost is here (≈ the rows' distinct scores); cache the result by dataset version.
 */
export function prepareMonitoring(tables: readonly PeriodTable[], reference: PeriodTable, o: PrepareOptions): PreparedMonitoring {
  const periods = groupPeriods(tables, o.period, o.span).map((t) => prepareTable(t, o.period));
  const ref = driftReference(prepareTable(reference, "day"));
  return { period: o.period, periods, reference: ref, drift: periods.map((p) => periodDrift(ref, p, o.drift)), referenceDays: o.referenceDays ?? null };
}

/** One period of the monitoring answer: counts at the threshold, estimates a day, drift. */
export type MonitoringPeriod = { start: string; days: number } & Omit<PeriodCounts, "threshold"> & PeriodEstimates & PeriodDrift;

/** The reference at the threshold, for "against the reference" comparisons. */
export type ReferenceSummary = Omit<PeriodCounts, "threshold"> & {
  flagRate: number | null;
  /** fp / labelled and fn / labelled: false alarms and misses as shares of labelled rows. */
  falseAlarmShare: number | null;
  missShare: number | null;
  precision: number | null;
  recall: number | null;
  /** Rows a day when the reference's span is known. */
  rowsPerDay: number | null;
  /** The 9 PSI edges (its deciles) and its share of rows in each bin, for the drill-down chart. */
  edges: number[] | null;
  shares: number[] | null;
};

/** What a different threshold would have done against the deployed one over the replay window. */
export interface Replay {
  threshold: number;
  deployedThreshold: number;
  /** Periods in the window (the last ones). */
  periods: number;
  deployed: ReturnType<typeof windowPerDay>;
  candidate: ReturnType<typeof windowPerDay>;
  sentence: string;
}

export interface MonitoringReport {
  period: PeriodKind;
  threshold: number;
  periods: MonitoringPeriod[];
  reference: ReferenceSummary;
  /** Null without a deployed threshold. */
  replay: Replay | null;
}

export interface ThresholdOptions {
  threshold: number;
  settings: ResolvedSettings;
  /** The dataset's "threshold in production", for the replay sentence. */
  deployedThreshold?: number | null;
  /** Replay over the last this many periods (default: all). */
  replayPeriods?: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function referenceSummary(m: PreparedMonitoring, threshold: number): ReferenceSummary {
  const { threshold: _t, ...c } = countsAt(m.reference.table, threshold);
  return {
    ...c,
    flagRate: ratio(c.flagged, c.rows),
    falseAlarmShare: ratio(c.fp, c.labeled),
    missShare: ratio(c.fn, c.labeled),
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    rowsPerDay: m.referenceDays ? c.rows / m.referenceDays : null,
    edges: m.reference.edges,
    shares: m.reference.shares,
  };
}

/** The replay of `threshold` against `deployed` over the last `count` periods. */
export function replayOf(m: PreparedMonitoring, threshold: number, deployed: number, s: ResolvedSettings, count = m.periods.length): Replay {
  const window = m.periods.slice(Math.max(0, m.periods.length - count));
  const at = (t: number) => windowPerDay(window.map((p) => ({ counts: countsAt(p, t), days: p.days })));
  const [before, after] = [at(deployed), at(threshold)];
  const input = { threshold, deployedThreshold: deployed, deployed: before, candidate: after, periods: window.length, kind: m.period };
  return { ...input, sentence: replaySentence(input, s.vocabulary) };
}

/**
 * The monitoring answer at a threshold from prepared periods: the cheap part (a binary search and a
 * few divisions a period), so a dragged threshold recomputes every period in microseconds while
 * KS, PSI and drift come from the preparation.
 */
export function monitoringAt(m: PreparedMonitoring, o: ThresholdOptions): MonitoringReport {
  const periods = m.periods.map((p, i): MonitoringPeriod => {
    const { threshold: _t, ...counts } = countsAt(p, o.threshold);
    const estimates = periodEstimates(counts, p.days, o.settings.costs);
    return { start: new Date(p.start).toISOString(), days: p.days, ...counts, ...estimates, ...m.drift[i] };
  });
  const deployed = o.deployedThreshold;
  return {
    period: m.period,
    threshold: o.threshold,
    periods,
    reference: referenceSummary(m, o.threshold),
    replay: deployed == null ? null : replayOf(m, o.threshold, deployed, o.settings, o.replayPeriods),
  };
}

/** The one entry point: prepare (KS, PSI, drift) and answer at the threshold. */
export function monitoringReport(tables: readonly PeriodTable[], reference: PeriodTable, o: PrepareOptions & ThresholdOptions): MonitoringReport {
  return monitoringAt(prepareMonitoring(tables, reference, o), o);
}
