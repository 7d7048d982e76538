/** Helpers of the ingest benchmark: the test file, the server process, its memory. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fraudDemoCsvLines } from "../lib/demo/fraud-demo";
import { serverEnv } from "../scripts/lib/server-env";

/** 1,000,000 transactions shaped like the demo: 10 days × 100,000, same fraud and error rates. */
export const BENCH_ROWS = 1_000_000;
const SHAPE = { days: 10, perDay: 100_000, fraudPerDay: 3382, missedPerDay: 169, falseAlarmsPerDay: 2415, seed: 7 };

/** Writes the CSV once (bench/tmp is git-ignored) and returns its path. */
export async function benchCsv(dir: string): Promise<string> {
  const file = path.join(dir, "ingest-1m.csv");
  const done = `${file}.done`;
  if (fs.existsSync(done)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const out = fs.createWriteStream(file);
  let buffered = "";
  for (const line of fraudDemoCsvLines(SHAPE)) {
    buffered += line;
    if (buffered.length > 1 << 20) {
      if (!out.write(buffered)) await new Promise<void>((r) => out.once("drain", () => r()));
      buffered = "";
    }
  }
  out.end(buffered);
  await new Promise<void>((r) => out.once("finish", () => r()));
  fs.writeFileSync(done, "");
  return file;
}

/** Resident and peak memory of a process, in bytes (Linux /proc). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** CPU time (user + system) a process has used so far, in milliseconds (Linux /proc, 100 ticks/s). */
export function cpuTimeOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resets the peak-RSS counter of a process (echo 5 > /proc/pid/clear_refs). */
export function resetPeak(pid: number): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // older kernels: the peak then includes start-up, which only makes the figure larger
  }
}

export interface BenchServer {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** Starts the built app with `node scripts/serve.mjs` (so the pid is the server's) on a database: a SQLite file, or a PostgreSQL URL. */
export async function startBenchServer(database: string, port: number, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const databaseUrl = /^postgres(ql)?:\/\//.test(database) ? database : `file:${database}`;
  // BENCH_CPU_PROFILES=<dir>: the server writes a CPU profile of each thread there when it stops.
  const profile = process.env.BENCH_CPU_PROFILES ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILES}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, "scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    env: serverEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl, CUTOFF_DEMO: "false", PORT: String(port), HOST: "127.0.0.1", ...extraEnv }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error("the server exited during start-up (is the app built? run `npx next build`)");
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("the server did not start in 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    },
  };
}

/**
 * POSTs a file to /api/datasets as a stream; resolves with the status and JSON body. An early
 * answer (an error before the whole body was sent) stops the upload and is returned as well.
 */
export function postFile(url: string, file: string, query: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const target = new URL(`${url}/api/datasets?${query}`);
  return new Promise((resolve, reject) => {
    const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    const request = http.request(
      // A fresh connection: a kept-alive one may be closed by the server while .import runs.
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: "POST", agent: false, headers: { "content-type": "text/csv", "content-length": fs.statSync(file).size } },
      (response) => {
        input.unpipe(request);
        input.destroy();
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    request.on("error", (error) => reject(new Error(`POST ${target.pathname}: ${error.message} after ${request.socket?.bytesWritten ?? "?"} bytes sent`)));
    input.pipe(request);
  });
}
