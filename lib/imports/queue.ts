const globalForImports = globalThis as unknown as { cutoffImportQueue?: Promise<unknown> };

/**
 * Runs `task` after every write task started before it in this process (imports, deletes): one
 * transaction at a time on the writer connection, so concurrent uploads queue instead of failing
 * with "database is locked". (Across processes the backend's own write lock orders them.)
 */
export function serialized<T>(task: () => Promise<T>): Promise<T> {
  const previous = globalForImports.cutoffImportQueue ?? Promise.resolve();
  const run = previous.then(task, task);
  globalForImports.cutoffImportQueue = run.catch(() => undefined);
  return run;
}
