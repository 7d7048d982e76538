/** Concurrent readers of /metrics for bench/postgres.ts: bounded in count, loopback only. */
import http from "node:http";
import { BENCH_ROWS } from "./ingest-support";

const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

/** One GET, its status and body. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

export interface ReaderLoad {
  readers: number;
  requestsEach: number;
  /** Milliseconds a reader waits after an answer before its next request (0: a closed loop at full speed). */
  pauseMs: number;
}

/**
 * `readers` readers spread evenly over `bases` (the instances), each sending `requestsEach`
 * requests for /metrics at seeded random thresholds one after another, `pauseMs` apart; the
 * milliseconds of each request, their quantiles, the requests a second, and the failed requests
 * (not 200, or a wrong total). Each instance is asked once first (loading the dataset's segments).
 */
export async function requestTimes(bases: string[], datasetId: number, { readers, requestsEach, pauseMs }: ReaderLoad) {
  const firstRequests: number[] = [];
  for (const base of bases) {
    const started = performance.now();
    await get(`${base}/api/datasets/${datasetId}/metrics?threshold=0.5`);
    firstRequests.push(performance.now() - started);
  }
  let seed = 50;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: readers }, async (_, r) => {
      const base = bases[r % bases.length];
      // Readers start spread over one pause, not all in the same millisecond.
      await new Promise((resolve) => setTimeout(resolve, (pauseMs * r) / readers));
      for (let i = 0; i < requestsEach; i++) {
        const threshold = Math.round(random() * 10_000) / 10_000;
        const sent = performance.now();
        try {
          const { status, body } = await get(`${base}/api/datasets/${datasetId}/metrics?threshold=${threshold}`);
          times.push(performance.now() - sent);
          if (status !== 200 || (JSON.parse(body) as { total: number }).total !== BENCH_ROWS) errors++;
        } catch {
          errors++;
        }
        if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...times].sort((a, b) => a - b);
  return { count: times.length, errors, firstRequests, perSecond: times.length / seconds, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1)! };
}
