/**
 * Starting Cutoff's worker threads (the parse worker, the SQLite writer): in the built app each is
 * a chunk Turbopack bundles from the host's literal `new Worker(new URL("./x-worker.ts",
 * import.meta.url))`; run from source (tsx scripts, vitest), the worker registers tsx and loads
 * the .ts file itself. Every worker says `{ type: "ready" }` once its code has loaded.
 */
import { Worker } from "node:worker_threads";

/**
 * A worker running `entry` (a .ts file URL) from source under tsx. Node 20 workers do not get the
 * parent's tsx loader (privatenumber/tsx#354), so the worker registers tsx's API itself before
 * importing the entry. Null when `entry` is not a source file.
 */
export function workerFromSource(entry: string): Worker | null {
  if (!entry.startsWith("file:") || !entry.endsWith(".ts")) return null;
  const bootstrap = `const { createRequire } = require("node:module");
const { pathToFileURL } = require("node:url");
const api = createRequire(${JSON.stringify(entry)}).resolve("tsx/esm/api").replace(/\\.cjs$/, ".mjs");
import(pathToFileURL(api).href).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** Resolves true once the worker's code has loaded ("ready"), false if it failed to (it is then terminated). */
export async function whenReady(worker: Worker): Promise<boolean> {
  let onMessage!: (m: { type?: string }) => void;
  let onFailure!: () => void;
  const ready = await new Promise<boolean>((resolve) => {
    onMessage = (m) => resolve(m?.type === "ready");
    onFailure = () => resolve(false);
    worker.once("message", onMessage).once("error", onFailure).once("exit", onFailure);
  });
  // Only these listeners (with removeAllListeners() the later messages never arrived, Node 20).
  worker.off("message", onMessage).off("error", onFailure).off("exit", onFailure);
  if (!ready) {
    worker.on("error", () => undefined); // a failed start may report more than one error
    await worker.terminate();
  }
  return ready;
}

/**
 * The first of the bundled worker (`bundled()`, the host's literal `new Worker(new URL(…))`) and
 * the source one that starts; null when neither does.
 */
export async function launchWorker(bundled: () => Worker, sourceEntry: string): Promise<Worker | null> {
  try {
    const worker = bundled();
    if (await whenReady(worker)) return worker;
  } catch {
    // e.g. a bundler's rewritten URL that does not exist
  }
  try {
    const fromSource = workerFromSource(sourceEntry);
    if (fromSource && (await whenReady(fromSource))) return fromSource;
  } catch {
    // no tsx here: the caller works in its own thread
  }
  return null;
}
