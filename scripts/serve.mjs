/**
 * The production server: `node scripts/serve.mjs [-p PORT] [-H HOST]` (PORT and HOST from the
 * environment otherwise). `npm start`, the tests and the benchmarks run it in place of `next start`.
 *
 * It is `next start` with one difference: it answers nobody until the app has served a few requests
 * of its own. A Node process compiles and first runs the app's code (the page modules, React's
 * server renderer, the query compiler, the schemas) on its first requests; under `next start` that
 * held the event loop for 120–170 ms while the first visitor's page rendered. Here the warm-up
 * requests do it on a private loopback port before the public one answers, and requests that arrive
 * meanwhile wait, as they wait for Next's own start-up.
 */
import http from "node:http";
import process from "node:process";

process.title = "cutoff-server";
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

const args = process.argv.slice(2);
const option = (short, long) => {
  const at = args.findIndex((a) => a === short || a === long);
  return at >= 0 ? args[at + 1] : undefined;
};
const port = Number(option("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = option("-H", "--hostname") ?? process.env.HOST ?? "0.0.0.0";

/** Longest the warm-up may take before the server answers anyway. */
const WARM_UP_LIMIT_MS = 20_000;
/** Datasets larger than this are not read for the warm-up (reading one is its first visitor's work). */
const WARM_UP_MAX_ROWS = 200_000;

const { default: next } = await import("next");
const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
/** Next answers its own errors; anything it throws past them is a 500, as under `next start`. */
const serveRequest = (req, res) =>
  handle(req, res).catch((error) => {
    console.error(`Failed to handle request for ${req.url}`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end("Internal Server Error");
  });

let ready;
const readiness = new Promise((resolve) => (ready = resolve));
const server = http.createServer(async (req, res) => {
  await readiness;
  serveRequest(req, res);
});
server.on("error", (error) => {
  console.error(`cutoff: could not serve on ${hostname}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname);

await app.prepare();
await Promise.race([warmUp(), new Promise((resolve) => setTimeout(resolve, WARM_UP_LIMIT_MS).unref())]);
ready();

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close();
    app
      .close()
      .catch((error) => console.error(error))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

/** A few requests through the app on a private loopback port: the list, the health check and the smallest dataset's pages. */
async function warmUp() {
  const local = http.createServer(serveRequest);
  await new Promise((resolve) => local.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${local.address().port}`;
  const headers = process.env.CUTOFF_TOKEN ? { authorization: `Bearer ${process.env.CUTOFF_TOKEN}` } : {};
  const get = async (path) => {
    try {
      const response = await fetch(base + path, { headers, redirect: "manual" });
      return response.headers.get("content-type")?.includes("json") ? await response.json() : await response.text();
    } catch {
      return null; // the visitor who asks first will see the error
    }
  };
  try {
    await get("/api/health");
    const list = await get("/api/datasets");
    const smallest = (list?.datasets ?? []).filter((d) => d.rows <= WARM_UP_MAX_ROWS).sort((a, b) => a.rows - b.rows)[0];
    await get("/");
    if (smallest) {
      await get(`/datasets/${smallest.id}`);
      await get(`/api/datasets/${smallest.id}/metrics?threshold=0.5`);
    } else {
      await get("/datasets/0");
    }
  } finally {
    local.closeAllConnections();
    await new Promise((resolve) => local.close(resolve));
  }
}
