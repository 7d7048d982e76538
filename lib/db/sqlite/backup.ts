/**
 * Backups of the SQLite database while the app runs: each in a thread of its own
 * (backup-worker.ts), so neither the app's thread nor the writer thread waits for it; in this
 * thread when no worker can start.
 */
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { config, sqlitePath } from "../../config";
import { launchWorker } from "../../workers/start";
import { copyDatabase, type BackupResult } from "./backup-copy";

export type { BackupResult };

/** Temporary backups (for downloads) are named so, next to the database. */
const TEMPORARY = /^\.cutoff-backup-\d+-\d+\.db(\.partial-.*)?$/;
const STALE_MS = 24 * 3600_000;

/** A new file name for a temporary backup next to the database; stale ones left by a crash are removed. */
function temporaryTarget(): string {
  const dir = path.dirname(path.resolve(sqlitePath(config().DATABASE_URL)));
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (TEMPORARY.test(name) && Date.now() - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
  }
  return path.join(dir, `.cutoff-backup-${process.pid}-${Date.now()}.db`);
}

/**
 * Copies the database as of one commit into `target` (a new file), or into a temporary file next
 * to the database when no target is given (the caller removes it).
 */
export async function backupDatabase(target?: string): Promise<BackupResult> {
  const file = target ? path.resolve(target) : temporaryTarget();
  // The literal form Next's Turbopack bundles as a worker entry.
  const worker = await launchWorker(() => new Worker(new URL("./backup-worker.ts", import.meta.url)), import.meta.url.replace(/\/backup\.ts$/, "/backup-worker.ts"));
  if (!worker) return copyDatabase(file);
  try {
    return await new Promise<BackupResult>((resolve, reject) => {
      worker.postMessage({ target: file });
      worker.on("message", (m: { type: string; result?: BackupResult; message?: string }) => {
        if (m.type === "done") resolve(m.result!);
        if (m.type === "failed") reject(new Error(`the backup failed: ${m.message}`));
      });
      worker.on("error", reject).on("exit", (code) => reject(new Error(`the backup thread stopped (exit code ${code})`)));
    });
  } finally {
    void worker.terminate();
  }
}
