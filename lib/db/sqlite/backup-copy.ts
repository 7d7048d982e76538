import fs from "node:fs";
import { openSqlite } from "./connection";

/** What a backup wrote: the file and its size in bytes. */
export interface BackupResult {
  file: string;
  bytes: number;
}

/**
 * Copies the database of DATABASE_URL into `target` (which must not exist) as of one commit:
 * SQLite's online backup on a new connection, every page in one step (one read transaction, so
 * never restarted by a concurrent commit and never showing an open transaction's rows), into a
 * temporary file next to `target` that is renamed once complete.
 */
export async function copyDatabase(target: string): Promise<BackupResult> {
  if (fs.existsSync(target)) throw new Error(`${target} exists already: choose a new file name`);
  const partial = `${target}.partial-${process.pid}-${Date.now()}`;
  const db = openSqlite();
  try {
    await db.backup(partial, { progress: () => 0x7fffffff });
    fs.renameSync(partial, target);
    return { file: target, bytes: fs.statSync(target).size };
  } finally {
    db.close();
    fs.rmSync(partial, { force: true });
  }
}
