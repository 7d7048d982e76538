import { totalScores } from "../metrics/score-table";
import { driftReference, periodDrift, type DriftReference, type PeriodDrift } from "./drift";
import { coveredDays, DAY_MS, mergeTables, PERIOD_LENGTH_DAYS, periodStart } from "./periods";
import { prepareTable } from "./prepared";
import type { PrepareOptions, PreparedMonitoring } from "./report";
import type { PeriodTable, PreparedTable } from "./types";

/** One prepared period and what it was made of (the very table objects). */
export interface MemoEntry {
  sources: readonly PeriodTable[];
  days: number;
  prepared: PreparedTable;
  drift: PeriodDrift;
}

/**
 * What a preparation keeps for the next one: the reference it used and each period's sources.
 * A stream's new version changes a few days (an append to today, labels for last week); their
 * tables are new objects, the others the same objects as before (cached by segment), so only the
 * changed periods are prepared again, and KS and PSI of the others are kept while the reference
 * is the same table.
 */
export interface PreparationMemo {
  reference: PeriodTable;
  prepared: DriftReference;
  periods: Map<number, MemoEntry>;
}

const sameSources = (a: readonly PeriodTable[], b: readonly PeriodTable[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** A period to prepare: its tables merged and prepared, or only its drift again (`old`: its prepared table, the reference being new). */
export interface PeriodJob {
  start: number;
  sources: readonly PeriodTable[];
  days: number;
  old?: PreparedTable;
}

/** Which periods a preparation takes from the memo and which it computes (`jobs`: the long part). */
export interface PreparationPlan {
  /** The memo's prepared reference when the reference is the same table; null to prepare it. */
  reference: DriftReference | null;
  /** Every period's start, oldest first, with the memo entry it keeps, or the index of its job. */
  periods: { start: number; kept: MemoEntry | null; job: number }[];
  jobs: PeriodJob[];
}

/** What `preparePeriods` computed: the prepared reference and each job's period and drift. */
export interface PreparedPeriods {
  reference: DriftReference;
  done: { prepared: PreparedTable; drift: PeriodDrift }[];
}

/** Sorts the periods of `tables` into those `memo` keeps (same table objects and days) and the jobs to compute. */
export function planPreparation(tables: readonly PeriodTable[], reference: PeriodTable, o: PrepareOptions, memo?: PreparationMemo): PreparationPlan {
  const sameReference = memo?.reference === reference;
  const byStart = new Map<number, PeriodTable[]>();
  for (const t of tables) {
    const start = periodStart(t.start, o.period);
    const group = byStart.get(start);
    if (group) group.push(t);
    else byStart.set(start, [t]);
  }
  const plan: PreparationPlan = { reference: sameReference ? memo!.prepared : null, periods: [], jobs: [] };
  if (!byStart.size) return plan;
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  const full = PERIOD_LENGTH_DAYS[o.period];
  for (let start = starts[0]; start <= starts[starts.length - 1]; start += full * DAY_MS) {
    const sources = byStart.get(start) ?? [];
    const declared = sources.length === 1 && sources[0].start === start ? sources[0].days : undefined;
    const days = Math.min(coveredDays(start, o.period, o.span), declared ?? Infinity);
    const old = memo?.periods.get(start);
    if (old && old.days === days && sameSources(old.sources, sources)) {
      if (sameReference) plan.periods.push({ start, kept: old, job: -1 });
      else plan.periods.push({ start, kept: null, job: plan.jobs.push({ start, sources, days, old: old.prepared }) - 1 });
    } else {
      plan.periods.push({ start, kept: null, job: plan.jobs.push({ start, sources, days }) - 1 });
    }
  }
  return plan;
}

/**
 * The long part of a preparation: the reference prepared for drift (unless given), and each job's
 * period merged and prepared (or kept) with its KS, PSI and drift. Plain data in and out, so it can
 * run in the compute worker.
 */
export function preparePeriods(reference: PeriodTable, prepared: DriftReference | null, jobs: readonly PeriodJob[], o: Pick<PrepareOptions, "period" | "drift">): PreparedPeriods {
  const ref = prepared ?? driftReference(prepareTable(reference, "day"));
  const full = PERIOD_LENGTH_DAYS[o.period];
  const done = jobs.map((job) => {
    const table = job.old ?? prepareTable({ ...mergeTables(job.sources, job.start), days: job.days < full ? job.days : undefined }, o.period);
    return { prepared: table, drift: periodDrift(ref, table, o.drift) };
  });
  return { reference: ref, done };
}

/**
 * The jobs in at most `parts` runs of neighbours with about the same rows each (to prepare them on
 * several threads; `preparePeriods` of each run, joined in order, is `preparePeriods` of all). At
 * least one run, empty when there are no jobs.
 */
export function splitJobs(jobs: readonly PeriodJob[], parts: number): PeriodJob[][] {
  const rows = jobs.map((j) => totalScores(j.sources));
  const total = rows.reduce((a, b) => a + b, 0);
  const runs: PeriodJob[][] = [[]];
  let done = 0;
  jobs.forEach((job, k) => {
    const run = runs[runs.length - 1];
    // A new run once this one holds its share, while runs are left.
    if (run.length && runs.length < parts && done >= (total * runs.length) / parts) runs.push([job]);
    else run.push(job);
    done += rows[k];
  });
  return runs;
}

/** The preparation and its memo from a plan and what its jobs computed. */
export function assemblePreparation(plan: PreparationPlan, reference: PeriodTable, o: PrepareOptions, computed: PreparedPeriods): { prepared: PreparedMonitoring; memo: PreparationMemo } {
  const next: PreparationMemo = { reference, prepared: computed.reference, periods: new Map() };
  const periods: PreparedTable[] = [];
  const drift: PeriodDrift[] = [];
  for (const p of plan.periods) {
    const entry = p.kept ?? { sources: plan.jobs[p.job].sources, days: plan.jobs[p.job].days, ...computed.done[p.job] };
    next.periods.set(p.start, entry);
    periods.push(entry.prepared);
    drift.push(entry.drift);
  }
  return { prepared: { period: o.period, periods, reference: computed.reference, drift, referenceDays: o.referenceDays ?? null }, memo: next };
}

/**
 * Exactly `prepareMonitoring(tables, reference, o)` (the same periods, days, suffix sums, KS, PSI
 * and drift), reusing from `memo` every period whose tables are the same objects, and the KS and
 * PSI of those when the reference is the same object too. Returns the new memo with the answer.
 * (The services run the plan's jobs in the compute worker: planPreparation, preparePeriods,
 * assemblePreparation.)
 */
export function prepareMonitoringReusing(tables: readonly PeriodTable[], reference: PeriodTable, o: PrepareOptions, memo?: PreparationMemo): { prepared: PreparedMonitoring; memo: PreparationMemo } {
  const plan = planPreparation(tables, reference, o, memo);
  return assemblePreparation(plan, reference, o, preparePeriods(reference, plan.reference, plan.jobs, o));
}
