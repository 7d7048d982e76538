/**
 * `npm run bench`: runs every benchmark below and writes bench/RESULTS.md with the machine and date.
 * Each benchmark measures Cutoff against a reference run in the same session and reports a ratio.
 * Run some with `npm run bench -- <name> [<name> …]`: their sections of bench/RESULTS.md are
 * replaced and the others kept, each section saying when it ran (and the machine's load then).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Benchmark, BenchResult } from "./types";

// Each benchmark is a module in bench/ exporting `benchmark: Benchmark`; add yours here.
const modules: (() => Promise<{ benchmark: Benchmark }>)[] = [
  () => import("./gallery"),
  () => import("./ingest"),
  () => import("./stream"),
  () => import("./explorer"),
  () => import("./story"),
  () => import("./postgres"),
  () => import("./responsive"),
  () => import("./monitoring"),
  () => import("./audit"),
  () => import("./compare"),
];

const only = process.argv.slice(2);
const results: BenchResult[] = [];
for (const load of modules) {
  const { benchmark } = await load();
  if (only.length && !only.includes(benchmark.name)) continue;
  console.log(`\n▶ ${benchmark.name}: ${benchmark.description}`);
  const result = await benchmark.run();
  results.push(result);
  for (const row of result.rows) console.log(`  ${row.metric}: ${row.value} (reference: ${row.reference ?? "—"}; ratio ${row.ratio ?? "—"}; goal ${row.goal ?? "—"})`);
}

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
const ranAt = `Ran ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load average ${os.loadavg()[0].toFixed(1)} at the end.`;
const section = (r: BenchResult) =>
  [
    `## ${r.name}`,
    "",
    r.description,
    "",
    ranAt,
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

const kept = only.length ? storedSections() : new Map<string, string>();
for (const r of results) kept.set(r.name, section(r));
// In the order of `modules` (the names as run), then any others the file held.
const order = [...new Set([...(await Promise.all(modules.map(async (load) => (await load()).benchmark.name))), ...kept.keys()])];
const body = order.filter((name) => kept.has(name)).map((name) => kept.get(name)!);
fs.writeFileSync(file, [...header, body.join("\n")].join("\n"));
console.log(`\nwrote bench/RESULTS.md (${only.length ? `sections ${results.map((r) => r.name).join(", ")}; the others kept` : "every section"})`);
