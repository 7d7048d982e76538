/**
 * Every in-memory cache of dataset-derived data (stored score tables and orders, slice tables,
 * the explorer's grid, curves) lives here, keyed by (dataset id, dataset version). A write that
 * changes a dataset's rows or labels bumps its version (lib/db), so a second app process, or an
 * append, can never be served stale numbers: a reader asks for the current version first.
 * `invalidateDataset(id)` drops everything of one dataset (after a delete, or a write in this
 * process). Kept on globalThis: Next may load this module in more than one bundle of a process.
 */

interface Entry {
  version: number;
  value: unknown;
}

interface Kind {
  limit: number;
  entries: Map<string, Entry>;
  /** Computations under way: a second caller of the same key and version waits for the first's. */
  running: Map<string, { version: number; value: Promise<unknown> }>;
}

const kinds = ((globalThis as unknown as { cutoffCaches?: Map<string, Kind> }).cutoffCaches ??= new Map());

function kindOf(name: string, limit: number): Kind {
  let kind = kinds.get(name);
  if (!kind) kinds.set(name, (kind = { limit, entries: new Map(), running: new Map() }));
  return kind;
}

const keyOf = (datasetId: number, part: string) => `${datasetId}\u0000${part}`;

/**
 * The value of `compute()` for (kind, dataset, version, part), computed once and kept while the
 * dataset stays at that version; at most `limit` entries of a kind are kept (least recently used
 * go first). `part` tells apart several values of one kind and dataset (e.g. a slice value).
 * Callers asking while it is being computed share that computation (two views opened at once
 * after an import read and decode each segment once, not twice).
 */
export async function cachedByVersion<T>(
  kind: string,
  datasetId: number,
  version: number,
  compute: () => T | Promise<T>,
  { limit = 8, part = "" }: { limit?: number; part?: string } = {},
): Promise<T> {
  const cache = kindOf(kind, limit);
  const key = keyOf(datasetId, part);
  const hit = cache.entries.get(key);
  if (hit && hit.version === version) {
    cache.entries.delete(key); // most recently used last
    cache.entries.set(key, hit);
    return hit.value as T;
  }
  const running = cache.running.get(key);
  if (running && running.version === version) return running.value as Promise<T>;
  const value = Promise.resolve().then(compute);
  cache.running.set(key, { version, value });
  try {
    const done = await value;
    remember(cache, key, version, done);
    return done;
  } finally {
    if (cache.running.get(key)?.value === value) cache.running.delete(key);
  }
}

function remember(cache: Kind, key: string, version: number, value: unknown): void {
  cache.entries.delete(key);
  while (cache.entries.size >= cache.limit) cache.entries.delete(cache.entries.keys().next().value as string);
  cache.entries.set(key, { version, value });
}

/** cachedByVersion for a computation that is synchronous (the same entries, the same limits). */
export function cachedByVersionSync<T>(kind: string, datasetId: number, version: number, compute: () => T, { limit = 8, part = "" }: { limit?: number; part?: string } = {}): T {
  const cache = kindOf(kind, limit);
  const key = keyOf(datasetId, part);
  const hit = cache.entries.get(key);
  if (hit && hit.version === version) {
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit.value as T;
  }
  const value = compute();
  remember(cache, key, version, value);
  return value;
}

/** The cached value if it is of `version`, else undefined (never computes). */
export function peekByVersion<T>(kind: string, datasetId: number, version: number, part = ""): T | undefined {
  const hit = kinds.get(kind)?.entries.get(keyOf(datasetId, part));
  return hit && hit.version === version ? (hit.value as T) : undefined;
}

/** Forgets every cached value of a dataset, of every kind. */
export function invalidateDataset(datasetId: number): void {
  const prefix = `${datasetId}\u0000`;
  for (const kind of kinds.values()) {
    for (const key of kind.entries.keys()) if (key.startsWith(prefix)) kind.entries.delete(key);
    for (const key of kind.running.keys()) if (key.startsWith(prefix)) kind.running.delete(key);
  }
}

/** Forgets the cached values of one kind and dataset whose part `keep` refuses (e.g. segments a compaction replaced). */
export function forgetParts(kind: string, datasetId: number, keep: (part: string) => boolean): void {
  const entries = kinds.get(kind)?.entries;
  if (!entries) return;
  const prefix = `${datasetId}\u0000`;
  for (const key of entries.keys()) if (key.startsWith(prefix) && !keep(key.slice(prefix.length))) entries.delete(key);
}
