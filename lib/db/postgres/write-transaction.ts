// The write transactions other than a batch's COPY (late labels, compaction): a client of their
// own, the same write lock, the dataset's row locked.
import type pg from "pg";
import { withDedicatedClient } from "./connection";
import { WRITE_LOCK_KEY } from "./sql";

/**
 * Runs `work` in a transaction holding the write lock (see WRITE_LOCK_KEY) with dataset
 * `datasetId`'s row locked (a delete waits for it); `work` gets null when the dataset does not
 * exist. Commits what `work` did; an error rolls it back (the client is closed).
 */
export async function inWriteTransaction<T>(datasetId: number, work: (client: pg.PoolClient | null) => Promise<T>): Promise<T> {
  return withDedicatedClient(async (client) => {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
    const found = await client.query(`SELECT 1 FROM "Dataset" WHERE "id" = $1 FOR UPDATE`, [datasetId]);
    const result = await work(found.rowCount ? client : null);
    await client.query("COMMIT");
    return result;
  });
}
