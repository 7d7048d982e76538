/**
 * What the server process (`scripts/serve.mjs`) starts with, wherever it is started: `npm start`,
 * and the tests and benchmarks that start it the same way, so they measure what ships.
 *
 * MALLOC_ARENA_MAX=2 unless set: glibc gives each thread that allocates its own malloc arena, and
 * the server's threads (the app's, the parse, writer, reader and compute workers) each kept theirs.
 * At the peak of a 5M-row import and its first views the server held 770–814 MB with one arena a
 * thread and 701–718 MB with two, with no slower import (four runs, 2026-12-02). glibc reads it
 * before any JavaScript runs, so it must be in the environment the process is started with.
 *
 * MALLOC_MMAP_THRESHOLD_=131072 unless set: glibc then gives every block of 128 KB or more its own
 * mapping, returned to the system when freed. Its default threshold grows with each large block
 * freed (up to 32 MB), after which an import's megabyte-sized arrays (row batches, segments, key
 * orders) came from the arenas, which kept their pages once the arrays were gone. A 5M-row import
 * and its first views peaked at 579–613 MB with it and 622–647 MB without (six and five runs,
 * 2026-12-02), at the same speed.
 */
export function serverEnv<Env extends Record<string, string | undefined>>(env: Env): Env & { MALLOC_ARENA_MAX: string; MALLOC_MMAP_THRESHOLD_: string } {
  const setting = (name: string, value: string) => env[name] ?? process.env[name] ?? value;
  return { ...env, MALLOC_ARENA_MAX: setting("MALLOC_ARENA_MAX", "2"), MALLOC_MMAP_THRESHOLD_: setting("MALLOC_MMAP_THRESHOLD_", "131072") };
}
