/**
 * A probe client, run as its own process by bench/probe.ts: it requests each path given, one
 * request after another per path (keep-alive, `intervalMs` between them), until a line "stop"
 * arrives on stdin, then prints every answer as JSON on stdout: `[path index, sent, answered,
 * status]`, times in epoch milliseconds (performance.timeOrigin + performance.now()).
 *
 * Usage: node --import tsx bench/probe-client.ts <baseUrl> <intervalMs> <path> [<path> ...]
 */
import http from "node:http";
import readline from "node:readline";

const [baseUrl, interval, ...paths] = process.argv.slice(2);
const intervalMs = Number(interval);
const base = new URL(baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: paths.length });
const now = () => performance.timeOrigin + performance.now();
const samples: [number, number, number, number][] = [];
let running = true;

function get(path: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: base.hostname, port: base.port, path, agent }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", () => resolve(0));
  });
}

async function loop(index: number): Promise<void> {
  while (running) {
    const sent = now();
    const status = await get(paths[index]);
    samples.push([index, sent, now(), status]);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

const loops = paths.map((_, i) => loop(i));
process.stdout.write("ready\n");
readline.createInterface({ input: process.stdin }).on("line", async (line) => {
  if (line.trim() !== "stop") return;
  running = false;
  await Promise.all(loops);
  process.stdout.write(JSON.stringify(samples) + "\n", () => process.exit(0));
});
