import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../tests/support/server";
import { benchFile } from "../bench/ingest-files";
import { memoryOf, postFile, resetPeak, startBenchServer } from "../bench/ingest-support";
const TMP = "/work/wt/storage/bench/tmp";
const order = (process.argv[2] ?? "random-ids") as "random-ids";
const rows = Number(process.argv[3] ?? 1e6);
const file = await benchFile(TMP, order, rows);
const dbFile = path.join(TMP, "q.db");
for (const s of ["", "-wal", "-shm"]) fs.rmSync(dbFile + s, { force: true });
const server = await startBenchServer(dbFile, await freePort());
try {
  console.log(`baseline RSS ${(memoryOf(server.pid).rss / 2 ** 20).toFixed(0)} MB`);
  for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
    const ref = path.join(TMP, "qref.db"); for (const s of ["", "-wal", "-shm"]) fs.rmSync(ref + s, { force: true });
    spawnSync("sync");
    let t = performance.now(); spawnSync("sqlite3", [ref, "-cmd", ".mode csv", `.import ${file} predictions`]); const refMs = performance.now() - t;
    spawnSync("sync");
    resetPeak(server.pid);
    t = performance.now();
    const { status, body } = await postFile(server.url, file, `name=q${run}`);
    const ms = performance.now() - t;
    t = performance.now(); await (await fetch(`${server.url}/api/datasets/${body.id}/slices?threshold=0.5`)).json(); const slices = performance.now() - t;
    t = performance.now(); await (await fetch(`${server.url}/api/datasets/${body.id}/examples?threshold=0.5&kind=fp`)).json(); const gallery = performance.now() - t;
    console.log(`${order} ${rows}: status ${status} ours ${ms.toFixed(0)} ms, .import ${refMs.toFixed(0)} ms, ratio ${(ms / refMs).toFixed(2)}; slices ${slices.toFixed(0)} ms, gallery ${gallery.toFixed(0)} ms; peak RSS ${(memoryOf(server.pid).peak / 2 ** 20).toFixed(0)} MB`);
    await fetch(`${server.url}/api/datasets/${body.id}`, { method: "DELETE" });
  }
} finally { await server.stop(); }
