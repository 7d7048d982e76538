/**
 * A measurement for the PostgreSQL import's design (issue 17), not part of `npm run bench`:
 * `npx tsx bench/pg-copy.ts [rounds]` (default 3). The 1,000,000-row demo-shaped CSV of the
 * ingest benchmark (7 columns), loaded into a new durable PostgreSQL server (fsync on, default
 * settings) by `psql \copy … CSV HEADER` into a bare table (the reference) and by
 * pg-copy-streams from Node with rows typed in JS (text and binary COPY format): without
 * indexes, with the two Prediction indexes maintained during the COPY (rows in file order, where
 * the keys ascend, and shuffled), with the indexes built after the COPY, and into the migrated
 * Prediction table itself. Rounds are round-robin (each times every variant once); a CHECKPOINT
 * precedes each load; ratios are the median of each round's variant ÷ that round's reference.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { copyInto, createPool, withDedicatedClient } from "../lib/db/postgres/connection";
import { migrate } from "../lib/db/postgres/migrate";
import { startPostgres } from "../tests/support/postgres";
import { benchCsv } from "./ingest-support";
import { binaryCopyData, textCopyData, typedRows } from "./pg-copy-rows";

const TMP = path.join(import.meta.dirname, "tmp");
const RUNS = Number(process.argv[2] ?? 3);
const COLUMNS = `("datasetId", "row", "label", "score", "exampleId", "timestamp", "slices", "extras")`;
const BARE = `"datasetId" INTEGER NOT NULL, "row" INTEGER NOT NULL, "label" INTEGER, "score" DOUBLE PRECISION NOT NULL, "exampleId" TEXT, "timestamp" TIMESTAMP(3), "slices" TEXT, "extras" TEXT`;
const INDEXES = [`CREATE INDEX ON p ("datasetId", "exampleId")`, `CREATE INDEX ON p ("datasetId", "timestamp")`];

/** The CSV's lines after the header in a seeded random order (mulberry32 + Fisher–Yates), written once. */
function shuffledCsv(file: string): string {
  const out = path.join(TMP, "ingest-1m-shuffled.csv");
  if (fs.existsSync(out)) return out;
  const [header, ...lines] = fs.readFileSync(file, "utf8").trimEnd().split("\n");
  let seed = 17;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  fs.writeFileSync(out, `${header}\n${lines.join("\n")}\n`);
  return out;
}

const csv = await benchCsv(TMP);
const shuffled = shuffledCsv(csv);
const server = await startPostgres({ durable: true });
const url = await server.createDatabase("bench");
const pool = createPool(url, 2);
const sql = (statement: string) => pool.query(statement);

interface Variant {
  name: string;
  prepare: () => Promise<unknown>;
  /** Resolves with the client's CPU milliseconds when the client is another process (psql). */
  load: () => Promise<number | void>;
}
/** CPU milliseconds the server has used: the postmaster, the children it reaped, its live children (Linux /proc, 100 ticks/s). */
function serverCpuMs(): number {
  const postmaster = Number(fs.readFileSync(path.join(server.dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  const fields = (pid: string | number) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
  };
  const own = fields(postmaster);
  let ticks = own[11] + own[12] + own[13] + own[14];
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const child = fields(pid);
      if (child[1] === postmaster) ticks += child[11] + child[12];
    } catch {
      // the process ended while we looked
    }
  }
  return ticks * 10;
}
const psqlCopy = (table: string, file: string) => async () => {
  const command = ["-f", "cpu %U %S", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", `\\copy ${table} FROM '${file}' CSV HEADER`];
  const result = spawnSync("/usr/bin/time", command, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`psql \\copy failed: ${result.stderr}`);
  const [, user, system] = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr) ?? [];
  return (Number(user) + Number(system)) * 1000;
};
/** COPY into `table` in one transaction from `data`, then `after` statements, then COMMIT. */
const nodeCopy = (table: string, data: () => AsyncIterable<string | Buffer>, binary = false, after: string[] = []) => () =>
  withDedicatedClient(async (client) => {
    await client.query("BEGIN");
    const stored = await copyInto(client, `COPY ${table} ${COLUMNS} FROM STDIN${binary ? " (FORMAT binary)" : ""}`, data());
    for (const statement of after) await client.query(statement);
    await client.query("COMMIT");
    if (stored !== 1_000_000) throw new Error(`COPY stored ${stored} rows`);
  }, pool);
const recreate = (table: string, columns: string, ...after: string[]) => () => sql(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (${columns}); ${after.join("; ")}`);
const TEXT7 = `a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT`;
const TYPED7 = `a TEXT, b TIMESTAMPTZ, c DOUBLE PRECISION, d TEXT, e TEXT, f INTEGER, g DOUBLE PRECISION`;
const discard = () => new Writable({ objectMode: true, write: (_chunk, _encoding, done) => done() });

/** Per variant, per round: wall, client CPU and server CPU milliseconds. */
const timings = new Map<string, { wall: number; client: number; server: number }[]>();
try {
  await migrate(pool);
  const datasetId: number = (await sql(`INSERT INTO "Dataset" ("name", "updatedAt") VALUES ('bench', now()) RETURNING id`)).rows[0].id;
  // The rows already encoded as COPY text (what a parse worker could hand over): COPY's own cost.
  const encoded = path.join(TMP, "ingest-1m.copy");
  await pipeline(textCopyData(typedRows(csv), datasetId), fs.createWriteStream(encoded));
  const text = (file: string) => () => textCopyData(typedRows(file), datasetId);
  const variants: Variant[] = [
    { name: "psql \\copy CSV → bare table, 7 text columns (reference)", prepare: recreate("t", TEXT7), load: psqlCopy("t", csv) },
    { name: "psql \\copy CSV → bare table, 7 typed columns", prepare: recreate("t", TYPED7), load: psqlCopy("t", csv) },
    { name: "psql \\copy CSV → 7 typed columns + B-trees on (a), (b), file order", prepare: recreate("t", TYPED7, "CREATE INDEX ON t (a)", "CREATE INDEX ON t (b)"), load: psqlCopy("t", csv) },
    { name: "Node: read + type the rows, no database", prepare: async () => undefined, load: () => pipeline(typedRows(csv), discard()) },
    { name: "Node: read + type + encode COPY text, no database", prepare: async () => undefined, load: () => pipeline(text(csv)(), discard()) },
    { name: "Node COPY of pre-encoded text (a file stream) → bare Prediction-shaped table", prepare: recreate("p", BARE), load: nodeCopy("p", () => fs.createReadStream(encoded, { highWaterMark: 1 << 20 })) },
    { name: "Node COPY text (typed in JS) → bare Prediction-shaped table", prepare: recreate("p", BARE), load: nodeCopy("p", text(csv)) },
    { name: "Node COPY binary (typed in JS) → bare Prediction-shaped table", prepare: recreate("p", BARE), load: nodeCopy("p", () => binaryCopyData(typedRows(csv), datasetId), true) },
    { name: "Node COPY text → + \"id\" SERIAL PRIMARY KEY", prepare: recreate("p", `"id" SERIAL PRIMARY KEY, ${BARE}`), load: nodeCopy("p", text(csv)) },
    { name: "Node COPY text → + FOREIGN KEY (\"datasetId\") to Dataset", prepare: recreate("p", `${BARE}, FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE`), load: nodeCopy("p", text(csv)) },
    { name: "Node COPY text → + both indexes during the COPY, file order (keys ascending)", prepare: recreate("p", BARE, ...INDEXES), load: nodeCopy("p", text(csv)) },
    { name: "Node COPY text → + both indexes during the COPY, rows shuffled (keys random)", prepare: recreate("p", BARE, ...INDEXES), load: nodeCopy("p", text(shuffled)) },
    { name: "Node COPY text → bare, rows shuffled, then both indexes built (sorted), one transaction", prepare: recreate("p", BARE), load: nodeCopy("p", text(shuffled), false, INDEXES) },
    { name: `Node COPY text → the migrated "Prediction" (SERIAL id, foreign key, both indexes), file order`, prepare: () => sql(`TRUNCATE "Prediction" CASCADE`), load: nodeCopy(`"Prediction"`, text(csv)) },
  ];
  // Round-robin: each round times every variant once, so the machine's load spreads over all.
  for (let round = 0; round < RUNS; round++) {
    for (const variant of variants) {
      await variant.prepare();
      await sql("CHECKPOINT");
      const [serverBefore, nodeBefore, started] = [serverCpuMs(), process.cpuUsage(), performance.now()];
      const psqlCpu = await variant.load();
      const wall = performance.now() - started;
      const nodeCpu = process.cpuUsage(nodeBefore);
      const run = { wall, client: psqlCpu ?? (nodeCpu.user + nodeCpu.system) / 1000, server: serverCpuMs() - serverBefore };
      timings.set(variant.name, [...(timings.get(variant.name) ?? []), run]);
      console.log(`round ${round + 1}: ${variant.name}: ${(wall / 1000).toFixed(2)} s wall, CPU ${(run.client / 1000).toFixed(2)} s client + ${(run.server / 1000).toFixed(2)} s server`);
    }
  }
} finally {
  await pool.end();
  await server.stop();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [reference, ...others] = [...timings.entries()];
const s = (x: number) => (x / 1000).toFixed(2);
const cpu = (r: { client: number; server: number }) => r.client + r.server;
console.log(`\n| 1,000,000 rows, ${RUNS} rounds (medians) | wall | ÷ reference | CPU client + server | CPU ÷ reference |\n| --- | --- | --- | --- | --- |`);
for (const [name, runs] of [reference, ...others]) {
  // Ratios: the median over rounds of this round's figure ÷ the same round's reference.
  const wallRatio = median(runs.map((r, i) => r.wall / reference[1][i].wall));
  const cpuRatio = median(runs.map((r, i) => cpu(r) / cpu(reference[1][i])));
  const spread = `${s(Math.min(...runs.map((r) => r.wall)))}–${s(Math.max(...runs.map((r) => r.wall)))}`;
  console.log(`| ${name} | ${s(median(runs.map((r) => r.wall)))} s (${spread}) | ${wallRatio.toFixed(2)}× | ${s(median(runs.map((r) => r.client)))} + ${s(median(runs.map((r) => r.server)))} s | ${cpuRatio.toFixed(2)}× |`);
}
