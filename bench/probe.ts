/**
 * Starts bench/probe-client.ts as a separate process (so its timings are not the server's nor
 * the benchmark's own event loop) and reads back its answers; plus the figures taken from them.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

/** One answer the probe got: which path, when it was sent and answered (epoch ms), its status (0: no answer). */
export interface ProbeSample {
  path: string;
  sent: number;
  answered: number;
  status: number;
}

export interface Probe {
  /** Stops the probe and returns every answer it got, in the order they came. */
  stop(): Promise<ProbeSample[]>;
}

/** Now, in the probe's clock (epoch milliseconds with sub-millisecond precision). */
export const epochNow = () => performance.timeOrigin + performance.now();

/** Requests each of `paths` on `baseUrl` in a loop, `intervalMs` apart, from another process. */
export async function startProbe(baseUrl: string, paths: string[], intervalMs: number): Promise<Probe> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "probe-client.ts"), baseUrl, String(intervalMs), ...paths], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== "ready") throw new Error(`the probe did not start: ${String(first.value)}`);
  return {
    async stop() {
      child.stdin!.write("stop\n");
      const answer = await lines.next();
      const raw = JSON.parse(String(answer.value)) as [number, number, number, number][];
      return raw.map(([p, sent, answered, status]) => ({ path: paths[p], sent, answered, status }));
    },
  };
}

/** The q-quantile (0..1) of `values`, nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Latencies (ms) of the answers to `path` sent within [from, to]. */
export function latencies(samples: ProbeSample[], path: string, from = -Infinity, to = Infinity): number[] {
  return samples.filter((s) => s.path === path && s.sent >= from && s.sent <= to).map((s) => s.answered - s.sent);
}

/**
 * The slowest answer to `path` among the requests that overlapped [from, to]: with a probe every
 * few milliseconds, how long the server's event loop was held while that window ran (plus one
 * round trip, about 1 ms).
 */
export function longestWait(samples: ProbeSample[], path: string, from: number, to: number): number {
  let worst = 0;
  for (const s of samples) if (s.path === path && s.answered >= from && s.sent <= to) worst = Math.max(worst, s.answered - s.sent);
  return worst;
}
