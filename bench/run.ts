/**
 * `npm run bench`: runs every benchmark below and writes bench/RESULTS.md with the machine and date.
 * Each benchmark measures Cutoff against a reference run in the same session and reports a ratio.
 * Run one with `npm run bench -- <name>`.
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
const header = [
  "# Benchmark results",
  "",
  `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 1024 **3).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`,
  `Date: ${new Date().toISOString()}`,
  "",
  "Each row is measured in the same run as its reference. Regenerate with `npm run bench`.",
  "",
];
const sections = results.flatMap((r) => [
  `## ${r.name}`,
  "",
  r.description,
  "",
  "| metric | Cutoff | reference | ratio | goal | met |",
  "|---|---|---|---|---|---|",
  ...r.rows.map((row) => `| ${row.metric} | ${row.value} | ${row.reference ?? "—"} | ${row.ratio ?? "—"} | ${row.goal ?? "—"} | ${row.met === undefined ? "—" : row.met ? "yes" : "no"} |`),
  ...(r.notes?.length ? ["", ...r.notes.map((n) => `- ${n}`)] : []),
  "",
]);
if (only.length) {
  console.log("\n(ran a subset: bench/RESULTS.md left unchanged)");
} else {
  fs.writeFileSync(path.join(import.meta.dirname, "RESULTS.md"), [...header, ...sections].join("\n"));
  console.log("\nwrote bench/RESULTS.md");
}
