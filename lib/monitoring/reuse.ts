import { driftReference, periodDrift, type DriftReference, type PeriodDrift } from "./drift";
import { coveredDays, DAY_MS, mergeTables, PERIOD_LENGTH_DAYS, periodStart } from "./periods";
import { prepareTable } from "./prepared";
import type { PrepareOptions, PreparedMonitoring } from "./report";
import type { PeriodTable, PreparedTable } from "./types";

/** One prepared period and what it was made of (the very table objects). */
interface MemoEntry {
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

/**
 * Exactly `prepareMonitoring(tables, reference, o)` (the same periods, days, suffix sums, KS, PSI
 * and drift), reusing from `memo` every period whose tables are the same objects, and the KS and
 * PSI of those when the reference is the same object too. Returns the new memo with the answer.
 */
export function prepareMonitoringReusing(tables: readonly PeriodTable[], reference: PeriodTable, o: PrepareOptions, memo?: PreparationMemo): { prepared: PreparedMonitoring; memo: PreparationMemo } {
  const sameReference = memo?.reference === reference;
  const ref = sameReference ? memo!.prepared : driftReference(prepareTable(reference, "day"));
  const byStart = new Map<number, PeriodTable[]>();
  for (const t of tables) {
    const start = periodStart(t.start, o.period);
    const group = byStart.get(start);
    if (group) group.push(t);
    else byStart.set(start, [t]);
  }
  const next: PreparationMemo = { reference, prepared: ref, periods: new Map() };
  const periods: PreparedTable[] = [];
  const drift: PeriodDrift[] = [];
  if (byStart.size) {
    const starts = [...byStart.keys()].sort((a, b) => a - b);
    const full = PERIOD_LENGTH_DAYS[o.period];
    for (let start = starts[0]; start <= starts[starts.length - 1]; start += full * DAY_MS) {
      const sources = byStart.get(start) ?? [];
      const declared = sources.length === 1 && sources[0].start === start ? sources[0].days : undefined;
      const days = Math.min(coveredDays(start, o.period, o.span), declared ?? Infinity);
      const old = memo?.periods.get(start);
      let entry: MemoEntry;
      if (old && old.days === days && sameSources(old.sources, sources)) {
        entry = sameReference ? old : { ...old, drift: periodDrift(ref, old.prepared, o.drift) };
      } else {
        const merged = mergeTables(sources, start);
        const prepared = prepareTable({ ...merged, days: days < full ? days : undefined }, o.period);
        entry = { sources, days, prepared, drift: periodDrift(ref, prepared, o.drift) };
      }
      next.periods.set(start, entry);
      periods.push(entry.prepared);
      drift.push(entry.drift);
    }
  }
  return { prepared: { period: o.period, periods, reference: ref, drift, referenceDays: o.referenceDays ?? null }, memo: next };
}
