import os from "node:os";

/**
 * Lowers the CPU priority of the calling thread (Linux: the nice value is per thread; 0 is
 * normal, 19 the lowest). Background threads (bulk writes, parsing, scans, computations) call it
 * so that, when the cores are busy, the app's thread, which answers requests, runs first. Elsewhere
 * it does nothing: there it would lower the whole process.
 */
export function lowerThreadPriority(niceness: number): void {
  if (process.platform !== "linux") return;
  try {
    os.setPriority(Math.max(os.getPriority(), niceness));
  } catch {
    // not allowed here: keep the priority
  }
}
