/**
 * A backup's own thread (started by backup.ts for each backup): copies the database into a new
 * file with SQLite's online backup, on a connection of its own, and exits. Every page is copied
 * in one step, inside one read transaction: the copy is the database as of one commit, whatever
 * the writer thread commits meanwhile (WAL lets it go on), and never a transaction in progress.
 */
import { parentPort } from "node:worker_threads";
import { copyDatabase } from "./backup-copy";
import { lowerThreadPriority } from "../../workers/priority";

const port = parentPort;
if (!port) throw new Error("backup-worker.ts runs as a worker thread");
// A backup is background work. (Linux: this thread only.)
lowerThreadPriority(10);
port.once("message", ({ target }: { target: string }) => {
  copyDatabase(target).then(
    (result) => port.postMessage({ type: "done", result }),
    (error: Error) => port.postMessage({ type: "failed", message: error.message }),
  );
});
port.postMessage({ type: "ready" });
