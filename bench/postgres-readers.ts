/** Concurrent readers of /metrics for bench/postgres.ts: bounded in count, loopback only. */
import http from "node:http";
import { BENCH_ROWS } from "./ingest-support";

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

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

/**
 * `readers` readers, spread evenly over `bases` (the instances), each sending `requestsEach`
 * requests for /metrics at seeded random thresholds one after another; the milliseconds of each
 * request after each instance's first (the first load of the dataset's segments is reported
 * apart), its quantiles and the failed requests (not 200, or a wrong total).
 */
export async function requestTimes(bases: string[], datasetId: number, { readers, requestsEach }: { readers: number; requestsEach: number }) {
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
  await Promise.all(
    Array.from({ length: readers }, async (_, r) => {
      const base = bases[r % bases.length];
      for (let i = 0; i < requestsEach; i++) {
        const threshold = Math.round(random() * 10_000) / 10_000;
        const started = performance.now();
        try {
          const { status, body } = await get(`${base}/api/datasets/${datasetId}/metrics?threshold=${threshold}`);
          times.push(performance.now() - started);
          if (status !== 200 || (JSON.parse(body) as { total: number }).total !== BENCH_ROWS) errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const sorted = [...times].sort((a, b) => a - b);
  return { times, errors, firstRequests, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1)! };
}
