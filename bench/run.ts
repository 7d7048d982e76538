/**
 * `npm run bench`: runs every benchmark below and writes bench/RESULTS.md with the machine and date.
 * Each benchmark measures Cutoff against a reference run in the same session and reports a ratio.
 * Run some with `npm run bench -- <name> [<name> …]`: their sections of bench/RESULTS.md are
 * replaced and the others kept, each section saying when it ran (and the machine's load then).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Benchmark, BenchResult } from "./types";

// Each benchmark is a module bench/<name>.ts exporting `benchmark: Benchmark` with that name; add yours here.
const NAMES = ["gallery", "ingest", "stream", "explorer", "story", "postgres", "responsive", "monitoring", "audit", "compare"];

/** A child process runs one benchmark (`--child <name> <result file>`) and writes its result as JSON. */
if (process.argv[2] === "--child") {
  const [name, out] = process.argv.slice(3);
  const { benchmark } = (await import(`./${name}.ts`)) as { benchmark: Benchmark };
  fs.writeFileSync(out, JSON.stringify(await benchmark.run()));
  process.exit(0);
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !NAMES.includes(name));
if (unknown.length) throw new Error(`no benchmark named ${unknown.join(", ")}; there are ${NAMES.join(", ")}`);
const results: BenchResult[] = [];
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const file = path.join(import.meta.dirname, "RESULTS.md");
const header = [
  "# Benchmark results",
  "",
  `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`,
  "",
  "Each row is measured in the same run as its reference; each section says when it ran. Regenerate with `npm run bench` (all) or `npm run bench -- <name>` (those sections).",
  "",
];
/** When each benchmark of this run ended, and the machine's load then. */
const ended = new Map<string, string>();
const ranAt = (name: string) => ended.get(name) ?? "";
const section = (r: BenchResult) =>
  [
    `## ${r.name}`,
    "",
    r.description,
    "",
    ranAt(r.name),
    "",
    "| metric | Cutoff | reference | ratio | goal | met |",
    "|---|---|---|---|---|---|",
    ...r.rows.map((row) => `| ${row.metric} | ${row.value} | ${row.reference ?? "—"} | ${row.ratio ?? "—"} | ${row.goal ?? "—"} | ${row.met === undefined ? "—" : row.met ? "yes" : "no"} |`),
    ...(r.notes?.length ? ["", ...r.notes.map((n) => `- ${n}`)] : []),
    "",
  ].join("\n");

/** The sections of the current RESULTS.md by benchmark name (for a partial run to keep). */
function storedSections(): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(file)) return out;
  const parts = fs.readFileSync(file, "utf8").split(/^(?=## )/m).slice(1);
  for (const part of parts) out.set(part.slice(3, part.indexOf("\n")).trim(), part.trimEnd() + "\n");
  return out;
}

// A partial run keeps the other sections; a full one starts afresh. Written after every benchmark,
// so a benchmark that fails loses nothing the others measured.
const kept = only.length ? storedSections() : new Map<string, string>();
function write(): void {
  for (const r of results) kept.set(r.name, section(r));
  const order = [...new Set([...NAMES, ...kept.keys()])];
  fs.writeFileSync(file, [...header, order.filter((name) => kept.has(name)).map((name) => kept.get(name)!).join("\n")].join("\n"));
}

// Each benchmark in a process of its own: in-process benchmarks open databases of their own, and
// a process keeps one connection (and its caches) for its life.
const failures: string[] = [];
for (const name of only.length ? only : NAMES) {
  const out = path.join(os.tmpdir(), `cutoff-bench-${process.pid}-${name}.json`);
  console.log(`\n▶ ${name}`);
  const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--child", name, out], { stdio: "inherit", env: process.env });
  if (child.status !== 0 || !fs.existsSync(out)) {
    failures.push(name);
    console.error(`✖ ${name} failed (exit status ${child.status})`);
    continue;
  }
  const result = JSON.parse(fs.readFileSync(out, "utf8")) as BenchResult;
  fs.rmSync(out);
  console.log(`  ${result.description}`);
  for (const row of result.rows) console.log(`  ${row.metric}: ${row.value} (reference: ${row.reference ?? "—"}; ratio ${row.ratio ?? "—"}; goal ${row.goal ?? "—"})`);
  ended.set(name, `Ran ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; load average ${os.loadavg()[0].toFixed(1)} as it ended.`);
  results.push(result);
  write();
}
console.log(`\nwrote bench/RESULTS.md (${results.map((r) => r.name).join(", ")}${only.length ? "; the other sections kept" : ""})`);
if (failures.length) {
  console.error(`✖ failed: ${failures.join(", ")}`);
  process.exit(1);
}
