/**
 * What the server process (`scripts/serve.mjs`) starts with, wherever it is started: `npm start`,
 * and the tests and benchmarks that start it the same way, so they measure what ships.
 *
 * MALLOC_ARENA_MAX=2 unless set: glibc gives each thread that allocates its own malloc arena, and
 * the server's threads (the app's, the parse, writer, reader and compute workers) each kept theirs.
 * At the peak of a 5M-row import and its first views the server held 770–814 MB with one arena a
 * thread and 701–718 MB with two, with no slower import (four runs, 2026-12-02). glibc reads it
 * before any JavaScript runs, so it must be in the environment the process is started with.
 */
export function serverEnv<Env extends Record<string, string | undefined>>(env: Env): Env & { MALLOC_ARENA_MAX: string } {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? process.env.MALLOC_ARENA_MAX ?? "2" };
}
