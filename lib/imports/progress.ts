/**
 * In-process progress of running imports, keyed by a client-chosen key (`?progress=<uuid>`), so a
 * browser can poll GET /api/imports/<key> while its upload is processed. Kept on globalThis: Next
 * may load this module in more than one bundle of the same server process.
 */
import type { ImportPhase } from "../ingest/types";

export interface ImportProgress {
  key: string;
  phase: ImportPhase;
  /** Valid data rows parsed so far. */
  rows: number;
  /** Bytes of the upload read so far. */
  bytes: number;
  /** The upload's size when the client announced it (Content-Length), else null. */
  totalBytes: number | null;
  datasetId: number | null;
  error: { code: string; message: string } | null;
  /** Epoch milliseconds of the last change. */
  updatedAt: number;
}

/** Keys a client may choose: letters, digits, dashes and underscores, 8 to 64 of them. */
export const PROGRESS_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const KEEP_MS = 10 * 60_000;
const MAX_ENTRIES = 1000;

const store = ((globalThis as unknown as { cutoffImports?: Map<string, ImportProgress> }).cutoffImports ??= new Map());

function prune(now: number): void {
  for (const [key, p] of store) {
    if (store.size <= MAX_ENTRIES && now - p.updatedAt < KEEP_MS) break;
    if (p.phase === "done" || p.phase === "failed" || now - p.updatedAt >= KEEP_MS) store.delete(key);
  }
}

/** Starts tracking an import (phase "waiting"). */
export function trackImport(key: string, totalBytes: number | null): void {
  const now = Date.now();
  prune(now);
  store.set(key, { key, phase: "waiting", rows: 0, bytes: 0, totalBytes, datasetId: null, error: null, updatedAt: now });
}

/** Updates a tracked import; unknown keys are ignored. */
export function updateImport(key: string, patch: Partial<Omit<ImportProgress, "key" | "updatedAt">>): void {
  const found = store.get(key);
  if (found) Object.assign(found, patch, { updatedAt: Date.now() });
}

/** The progress of an import, or null when the key is unknown (or expired). */
export function getImportProgress(key: string): ImportProgress | null {
  const found = store.get(key);
  return found ? { ...found } : null;
}
