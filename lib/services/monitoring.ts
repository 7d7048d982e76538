/**
 * Monitoring loaders: a dataset's rows by UTC day (walked once from its segments), the reference,
 * and the preparation (suffix sums, KS, PSI, drift) cached by the dataset's version, so that a new
 * threshold is only the cheap part (`monitoringAt`: a binary search a period).
 */
import { cachedByVersion } from "../cache";
import { store, type DatasetView } from "../db";
import { getDatasetIndex } from "../db/score-index";
import { InvalidInputError, NotFoundError } from "../errors";
import {
  assemblePreparation,
  coveredDays,
  dayGroups,
  DAY_MS,
  DEFAULT_DRIFT_RULE,
  monitoringAt,
  parseMonitoringSettings,
  PERIOD_LENGTH_DAYS,
  planPreparation,
  splitJobs,
  type DriftReference,
  type PeriodJob,
  type PrepareOptions,
  type PreparedPeriods,
  type PreparationMemo,
  type DayTables,
  type MonitoringReport,
  type PeriodKind,
  type PeriodTable,
  type PreparedMonitoring,
  type ReplayGrid,
  type ResolvedMonitoringSettings,
} from "../monitoring";
import { totalScores } from "../metrics/score-table";
import type { RowCounts } from "../metrics/segment";
import { compute, COMPUTE_WORKERS } from "../workers/compute";
import { settingsView } from "../story/settings";
import type { ResolvedSettings } from "../story/settings";
import { loadReference, type LoadedReference } from "./monitoring-reference";

/** The threshold monitoring uses when none is asked and none is saved as the threshold in production. */
export const DEFAULT_MONITORING_THRESHOLD = 0.5;

/** Replay sentences compare the last 4 weeks (or 28 days). */
export const REPLAY_PERIODS: Record<PeriodKind, number> = { day: 28, week: 4 };

/** JSON the page may spend on replay grids (the rest of its 300 KB goes to the page itself). */
export const REPLAY_BUDGET_BYTES = 200_000;

/** Whether a dataset places its rows in time (a timestamp column with at least one value). */
export const hasTimestamps = (d: Pick<DatasetView, "mapping" | "timestampMin">) => typeof d.mapping.timestamp === "string" && d.mapping.timestamp !== "" && d.timestampMin !== null;

/**
 * A dataset's rows by UTC day, cached by its version; null when it does not exist. Each segment's
 * days are cached by the segment's revision, so a new version walks only new or relabelled
 * segments, and the days of the others stay the same objects (the preparation keeps their KS and
 * PSI). The walks and merges run in the compute worker.
 */
export async function loadDays(datasetId: number): Promise<{ version: number; days: DayTables } | null> {
  const index = await getDatasetIndex(datasetId);
  if (!index) return null;
  const days = await cachedByVersion(
    "monitoring-days",
    datasetId,
    index.version,
    async () => {
      const parts = await Promise.all(
        index.refs.map((ref, k) => {
          const segment = index.segments[k];
          return cachedByVersion("monitoring-segment-days", datasetId, ref.revision, () => compute("segmentDays", segment.scores.length, segment), { part: String(ref.id), limit: 512 });
        }),
      );
      return mergeDayParts(parts);
    },
    { limit: 8 },
  );
  return { version: index.version, days };
}

/** lib/monitoring's mergeDays, with the merge of each day found in several segments in the compute worker. */
async function mergeDayParts(parts: readonly DayTables[]): Promise<DayTables> {
  const { groups, undated } = dayGroups(parts);
  return { days: await Promise.all(groups.map((g) => (g.tables.length === 1 ? g.tables[0] : compute("mergePeriodTables", totalScores(g.tables), g.tables, g.start)))), undated };
}

/**
 * preparePeriods in the compute workers, the jobs split in runs of about equal rows, one per
 * worker (each run prepares the reference too when it is new: a pass over it, against the periods'
 * many).
 */
async function preparePeriodsAcross(reference: PeriodTable, prepared: DriftReference | null, jobs: PeriodJob[], o: Pick<PrepareOptions, "period" | "drift">): Promise<PreparedPeriods> {
  const runs = splitJobs(jobs, COMPUTE_WORKERS);
  const referenceRows = prepared ? 0 : reference.scores.length;
  const results = await Promise.all(runs.map((run) => compute("preparePeriods", run.reduce((sum, job) => sum + totalScores(job.sources), referenceRows), reference, prepared, run, o)));
  return { reference: results[0].reference, done: results.flatMap((r) => r.done) };
}

/** The last preparation of each (dataset, period, reference), whatever its version: what the next one reuses. */
const memos: Map<string, PreparationMemo> = ((globalThis as unknown as { cutoffMonitoringMemos?: Map<string, PreparationMemo> }).cutoffMonitoringMemos ??= new Map());
const MEMOS = 16;

function rememberMemo(key: string, memo: PreparationMemo): void {
  memos.delete(key);
  while (memos.size >= MEMOS) memos.delete(memos.keys().next().value as string);
  memos.set(key, memo);
}

/** Everything the monitoring answers of one dataset start from. */
export interface MonitoringContext {
  dataset: DatasetView;
  version: number;
  days: DayTables;
  settings: ResolvedSettings;
  monitoring: ResolvedMonitoringSettings;
  reference: LoadedReference;
  /** Prepared periods (cached by version, period and reference), the running period clipped to now. */
  prepared: PreparedMonitoring;
  /** Rows without a timestamp, in no period. */
  undated: RowCounts;
}

/**
 * The period still running at `now` (the clock) covers only the time elapsed: its days are set
 * at request time (the cached preparation outlives the hour). Periods are already clipped at the
 * end of the last row's day.
 */
function clipRunning(m: PreparedMonitoring, firstDay: number, now: number): PreparedMonitoring {
  const last = m.periods[m.periods.length - 1];
  if (!last || now < last.start || now >= last.start + PERIOD_LENGTH_DAYS[m.period] * DAY_MS) return m;
  if (coveredDays(last.start, m.period, { from: firstDay, now }) >= last.days) return m;
  const days = coveredDays(last.start, m.period, { from: firstDay, now });
  return { ...m, periods: [...m.periods.slice(0, -1), { ...last, days }] };
}

/**
 * Loads what monitoring needs: 404 without the dataset, 400 (`no_timestamps`) when it has no
 * timestamps, 400 for an asked reference that cannot be used.
 */
export async function loadMonitoring(datasetId: number, o: { period: PeriodKind; reference?: string; now?: number }): Promise<MonitoringContext> {
  // The stored view: monitoring needs no summary figures (getDataset would recompute them after each append).
  const dataset = await store().datasets.get(datasetId);
  if (!dataset) throw new NotFoundError(`dataset ${datasetId}`);
  if (!hasTimestamps(dataset)) throw new InvalidInputError(`dataset ${datasetId} has no timestamps: monitoring places rows in days by their timestamp column`, "no_timestamps");
  const loaded = await loadDays(datasetId);
  if (!loaded) throw new NotFoundError(`dataset ${datasetId}`);
  const monitoring = parseMonitoringSettings(dataset.settings);
  const reference = await loadReference(dataset, loaded.days, o.reference, monitoring.reference);
  const firstDay = loaded.days.days[0]?.start ?? 0;
  // The data ends with the last row's day: a week it cuts short covers only its days up to then.
  const dataEnd = (loaded.days.days[loaded.days.days.length - 1]?.start ?? 0) + DAY_MS;
  const prepared = await cachedByVersion(
    "monitoring-prepared",
    datasetId,
    loaded.version,
    async () => {
      const key = `${datasetId}|${o.period}|${reference.cacheKey.replace(/@\d+$/, "")}`;
      const options = { period: o.period, span: { from: firstDay, now: dataEnd }, referenceDays: reference.days, drift: DEFAULT_DRIFT_RULE };
      const table = await reference.table();
      // The memo's periods are kept here; the others (and a new reference) are computed in the compute worker.
      const plan = planPreparation(loaded.days.days, table, options, memos.get(key));
      const computed = await preparePeriodsAcross(table, plan.reference, plan.jobs, { period: options.period, drift: options.drift });
      const { prepared, memo } = assemblePreparation(plan, table, options, computed);
      rememberMemo(key, memo);
      return prepared;
    },
    { part: `${o.period}|${reference.cacheKey}`, limit: 16 },
  );
  return {
    dataset,
    version: loaded.version,
    days: loaded.days,
    settings: settingsView(dataset).resolved,
    monitoring,
    reference,
    prepared: clipRunning(prepared, firstDay, o.now ?? Date.now()),
    undated: loaded.days.undated,
  };
}

/** The monitoring answer at a threshold (the cheap part, on the cached preparation). */
export function reportAt(c: MonitoringContext, threshold: number): MonitoringReport {
  return monitoringAt(c.prepared, { threshold, settings: c.settings, deployedThreshold: c.monitoring.deployedThreshold, replayPeriods: REPLAY_PERIODS[c.prepared.period] });
}

/** The reference as the answers describe it (no table). */
export function referenceInfo(r: LoadedReference) {
  const { table: _table, cacheKey: _key, ...info } = r;
  return info;
}

/** GET /monitoring's answer: the report at the threshold, the reference, the rows counted apart. */
export async function monitoringAnswer(datasetId: number, o: { threshold?: number; period: PeriodKind; reference?: string }) {
  const c = await loadMonitoring(datasetId, o);
  const threshold = o.threshold ?? c.monitoring.deployedThreshold ?? DEFAULT_MONITORING_THRESHOLD;
  const report = reportAt(c, threshold);
  return {
    datasetId,
    version: c.version,
    period: report.period,
    threshold,
    deployedThreshold: c.monitoring.deployedThreshold,
    driftRule: DEFAULT_DRIFT_RULE,
    reference: { ...referenceInfo(c.reference), ...report.reference },
    undated: c.undated,
    replay: report.replay,
    periods: report.periods,
  };
}

/** The replay grids of a context's periods and reference, cached with the preparation. */
export async function replayGrids(c: MonitoringContext): Promise<{ steps: number; periods: ReplayGrid[]; reference: ReplayGrid }> {
  const grids = await cachedByVersion(
    "monitoring-grids",
    c.dataset.id,
    c.version,
    () => compute("replayGrids", totalScores(c.prepared.periods) + c.prepared.reference.table.scores.length, c.prepared.periods, c.prepared.reference.table, REPLAY_BUDGET_BYTES),
    { part: `${c.prepared.period}|${c.reference.cacheKey}`, limit: 16 },
  );
  // The running period's days are set per request (see clipRunning).
  const last = c.prepared.periods[c.prepared.periods.length - 1];
  const lastGrid = grids.periods[grids.periods.length - 1];
  if (!last || !lastGrid || lastGrid.days === last.days) return grids;
  return { ...grids, periods: [...grids.periods.slice(0, -1), { ...lastGrid, days: last.days }] };
}

/** The datasets a reference may be (every other dataset), newest first, for the page's choice. */
export async function referenceChoices(datasetId: number): Promise<{ id: number; name: string; rows: number }[]> {
  return (await store().datasets.list()).filter((d) => d.id !== datasetId).map((d) => ({ id: d.id, name: d.name, rows: d.rows }));
}
