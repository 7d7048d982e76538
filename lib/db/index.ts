/**
 * lib/db — the data layer: queries and writes, nothing else. The rest of the app talks to one
 * `Store` (store.ts: the interfaces) and never to a database driver; each backend lives in its
 * own folder with its SQL, schema, client and migrations (lib/db/sqlite/, lib/db/postgres/).
 * Reads that are cached (score tables and orders, slice tables) are here too, keyed by the
 * dataset's version (lib/cache.ts), so no process ever serves numbers of rows that changed.
 *
 *   store()              the backend of DATABASE_URL
 *   score-index.ts       getScoreTable, getScoreOrder, getSliceTables (cached by version)
 *   examples.ts          gallery pages and exports (from the score order, or the backend's query)
 */
import { config, databaseKind } from "../config";
import { createPostgresStore } from "./postgres";
import { createSqliteStore } from "./sqlite";
import type { Store } from "./store";

export type * from "./store";
export type * from "./types";

const globalForStore = globalThis as unknown as { cutoffStore?: Store };

/** The process's one store, for the backend DATABASE_URL names. */
export function store(): Store {
  if (!globalForStore.cutoffStore) {
    const kind = databaseKind(config().DATABASE_URL);
    globalForStore.cutoffStore = kind === "postgresql" ? createPostgresStore() : createSqliteStore();
  }
  return globalForStore.cutoffStore;
}
