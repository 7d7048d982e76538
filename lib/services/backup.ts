import fs from "node:fs";
import { Readable } from "node:stream";
import { store } from "../db";

/** A backup ready to send: its bytes as a stream, their count, and a file name for the download. */
export interface BackupDownload {
  body: ReadableStream<Uint8Array>;
  bytes: number;
  fileName: string;
}

/**
 * A consistent copy of the database (as of one commit; imports and reviews go on meanwhile),
 * written to a temporary file that is removed as soon as it is open, so that nothing is left
 * behind however the download ends. Null when the backend has no backup of its own (PostgreSQL:
 * pg_dump).
 */
export async function openBackup(now = new Date()): Promise<BackupDownload | null> {
  const db = store();
  if (!db.backup) return null;
  const written = await db.backup();
  const handle = await fs.promises.open(written.file, "r");
  let removed = true;
  // Removing an open file frees its name now and its space when the stream closes (POSIX);
  // where that is refused (Windows), the file goes once the stream is closed.
  await fs.promises.rm(written.file).catch(() => (removed = false));
  const stream = handle.createReadStream();
  stream.once("close", () => {
    if (!removed) fs.rmSync(written.file, { force: true });
  });
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, "-");
  return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, bytes: written.bytes, fileName: `cutoff-${stamp}.db` };
}
