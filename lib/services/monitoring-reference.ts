import { cachedByVersion } from "../cache";
import { store, type DatasetView } from "../db";
import { getDatasetIndex } from "../db/score-index";
import { InvalidInputError } from "../errors";
import { totalScores } from "../metrics/score-table";
import { compute } from "../workers/compute";
import {
  DAY_MS,
  defaultReference,
  formatReference,
  parseReference,
  windowLabel,
  windowOf,
  type DayTables,
  type PeriodTable,
  type ReferenceSpec,
} from "../monitoring";

/** The reference a dataset's periods are compared with, resolved to its rows. */
export interface LoadedReference {
  /** Canonical spec: `window:first-14-days`, `window:2026-10-01..2026-10-14` or `dataset:7`. */
  spec: string;
  kind: "window" | "dataset";
  /** In words: "the first 14 days (1 Oct 2026 to 14 Oct 2026)", "fraud-eval.csv (dataset 7)". */
  label: string;
  /** The other dataset, for a dataset reference. */
  datasetId: number | null;
  datasetName: string | null;
  /** ISO instants of a window's first day and of the day after its last; null for a dataset. */
  from: string | null;
  to: string | null;
  /** Days of data the reference covers (for its rows a day); null when unknown. */
  days: number | null;
  /** Why the asked or saved reference was not used (the default stands in), else null. */
  notice: string | null;
  /** Its rows as one table (a window's is merged from its days on first call, in the compute worker: the preparation is cached, so it rarely is). */
  table: () => Promise<PeriodTable>;
  /** Tells cached preparations apart: the spec, and the other dataset's version. */
  cacheKey: string;
}

/** `compute` run on the first call only. */
function once<T>(make: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value ??= { v: make() }).v;
}

/** Whole UTC days from the first to the last instant, both included. */
const daysSpanned = (min: string | null, max: string | null) =>
  min && max ? Math.floor(Date.parse(max) / DAY_MS) - Math.floor(Date.parse(min) / DAY_MS) + 1 : null;

/** Every row of another dataset as one table, cached by that dataset's version. */
async function datasetReference(spec: Extract<ReferenceSpec, { kind: "dataset" }>, other: DatasetView): Promise<LoadedReference | null> {
  const index = await getDatasetIndex(other.id);
  if (!index) return null;
  const table = await cachedByVersion("monitoring-reference", other.id, index.version, () => compute("allRowsTable", totalScores(index.segments), index.segments), { limit: 8 });
  return {
    spec: formatReference(spec),
    kind: "dataset",
    label: `${other.name} (dataset ${other.id})`,
    datasetId: other.id,
    datasetName: other.name,
    from: null,
    to: null,
    days: daysSpanned(other.timestampMin, other.timestampMax),
    notice: null,
    table: async () => table,
    cacheKey: `dataset:${other.id}@${index.version}`,
  };
}

type MergedWindow = { sources: PeriodTable[]; table: Promise<PeriodTable> };

/** The last merged window of each (dataset, spec), with the day tables it was merged from. */
const windows: Map<string, MergedWindow> = ((globalThis as unknown as { cutoffReferenceWindows?: Map<string, MergedWindow> }).cutoffReferenceWindows ??= new Map());

/**
 * The merge of a window's day tables (in the compute worker); the same object as last time when
 * they are the same objects (an append to a later day leaves the window alone, and its KS and PSI
 * are kept).
 */
function windowTable(key: string, inside: PeriodTable[]): Promise<PeriodTable> {
  const last = windows.get(key);
  if (last && last.sources.length === inside.length && last.sources.every((t, i) => t === inside[i])) return last.table;
  const table = compute("mergePeriodTables", totalScores(inside), inside, 0);
  // A merge that failed is not kept (unless a newer one has replaced it since).
  table.catch(() => windows.get(key)?.table === table && windows.delete(key));
  windows.delete(key);
  if (windows.size >= 16) windows.delete(windows.keys().next().value as string);
  windows.set(key, { sources: inside, table });
  return table;
}

/** A window of the dataset's own days: the merge of its day tables in [from, to). */
function windowReference(datasetId: number, spec: Exclude<ReferenceSpec, { kind: "dataset" }>, days: DayTables): LoadedReference {
  const first = days.days[0]?.start ?? 0;
  const last = days.days[days.days.length - 1]?.start ?? 0;
  const w = windowOf(spec, first);
  const inside = days.days.filter((d) => d.start >= w.from && d.start < w.to);
  const covered = Math.max(0, Math.min(w.to, last + DAY_MS) - Math.max(w.from, first)) / DAY_MS;
  return {
    spec: formatReference(spec),
    kind: "window",
    label: windowLabel(spec, w),
    datasetId: null,
    datasetName: null,
    from: new Date(w.from).toISOString(),
    to: new Date(w.to).toISOString(),
    days: covered > 0 ? covered : null,
    notice: inside.length ? null : `the reference window ${windowLabel(spec, w)} holds no rows`,
    table: once(() => windowTable(`${datasetId}|${formatReference(spec)}`, inside)),
    cacheKey: formatReference(spec),
  };
}

/**
 * The reference of a dataset: `asked` (a query's), else the saved one, else the default (its
 * first 14 days). An asked reference that cannot be used is a 400 / 404; a saved one that cannot
 * (its dataset was deleted) gives way to the default with a notice.
 */
export async function loadReference(dataset: DatasetView, days: DayTables, asked: string | undefined, saved: string | null): Promise<LoadedReference> {
  const fallback = () => {
    const first = days.days[0]?.start ?? null;
    const last = days.days[days.days.length - 1]?.start ?? null;
    return windowReference(dataset.id, defaultReference(first, last) as Exclude<ReferenceSpec, { kind: "dataset" }>, days);
  };
  const raw = asked ?? saved;
  if (raw === null || raw === undefined) return fallback();
  let spec: ReferenceSpec;
  try {
    spec = parseReference(raw);
  } catch (error) {
    if (asked !== undefined) throw new InvalidInputError(`invalid query: reference: ${(error as Error).message}`, "invalid_request", [{ column: "reference", message: (error as Error).message }]);
    return { ...fallback(), notice: `the saved reference “${raw}” cannot be read, so the default is used` };
  }
  if (spec.kind !== "dataset") return windowReference(dataset.id, spec, days);
  const other = spec.datasetId === dataset.id ? dataset : await store().datasets.get(spec.datasetId);
  const loaded = other && (await datasetReference(spec, other));
  if (loaded) return loaded;
  if (asked !== undefined) throw new InvalidInputError(`invalid query: reference: dataset ${spec.datasetId} not found`, "invalid_reference", [{ column: "reference", message: `dataset ${spec.datasetId} not found` }]);
  return { ...fallback(), notice: `the saved reference, dataset ${spec.datasetId}, no longer exists, so the default is used` };
}
