/**
 * Tunes the audit design on the coverage simulation: for each allocation, coverage and mean widths
 * of the 95% intervals over the same populations. `npx tsx bench/audit-tuning.ts [populations] [audits]`.
 */
import { auditPopulation, makePopulation, prevalences, summarise, type Outcome } from "../tests/unit/audit-simulation";
import type { DrawOptions, IntervalOptions } from "../lib/audit";

const [populations, audits] = [Number(process.argv[2] ?? 30), Number(process.argv[3] ?? 20)];
const popSeed = Number(process.env.POP_SEED ?? 1000);
const pops = prevalences(populations, popSeed).map((p, i) => makePopulation(popSeed + i, Number(process.env.ROWS ?? 100_000), p));
const variants: [string, Partial<DrawOptions>, IntervalOptions?][] = JSON.parse(process.env.VARIANTS ?? "null") ?? [
  ["proportional (a=1)", { rule: { power: 1 } }],
  ["a=0.75", { rule: { power: 0.75 } }],
  ["a=0.5", { rule: { power: 0.5 } }],
  ["a=0.35", { rule: { power: 0.35 } }],
  ["a=0.2", { rule: { power: 0.2 } }],
  ["equal (a=0)", { rule: { power: 0 } }],
];
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
for (const [name, options, pseudo] of variants) {
  const start = performance.now();
  const outcomes: Outcome[] = pops.flatMap((pop, i) => auditPopulation(pop, audits, 800, 50_000 + 100 * i, options, pseudo));
  const p = summarise(outcomes.map((o) => o.precision));
  const r = summarise(outcomes.map((o) => o.recall));
  const fn = summarise(outcomes.map((o) => o.falseNegatives));
  const withMisses = outcomes.filter((o) => o.falseNegatives.truth > 0);
  const fnRel = withMisses.reduce((s, o) => s + o.falseNegatives.relativeWidth, 0) / withMisses.length;
  const hard = summarise(outcomes.filter((o) => o.missesFound <= 1).map((o) => o.falseNegatives));
  const hardRecall = summarise(outcomes.filter((o) => o.missesFound <= 1).map((o) => o.recall));
  console.log(
    `${name.padEnd(22)} precision ${pct(p.coverage)} ±${pct(p.width / 2)} | recall ${pct(r.coverage)} ±${pct(r.width / 2)} | FN ${pct(fn.coverage)} width ${fnRel.toFixed(2)}×truth | ≤1 miss found: n=${hard.count} FN ${pct(hard.coverage)} recall ${pct(hardRecall.coverage)} | ${(performance.now() - start).toFixed(0)} ms`,
  );
}

if (process.env.BANDS) {
  const [name, options, pseudo] = variants[0];
  const outcomes: Outcome[] = pops.flatMap((pop, i) => auditPopulation(pop, audits, 800, 50_000 + 100 * i, options, pseudo));
  console.log(`\n${name} by prevalence band and threshold (flagged ≈ ½, 1, 3 × prevalence):`);
  for (const [lo, hi] of [[0, 0.02], [0.02, 0.06], [0.06, 1]]) {
    for (let t = 0; t < 3; t++) {
      const band = outcomes.filter((o, k) => o.prevalence >= lo && o.prevalence < hi && k % 3 === t);
      const p = summarise(band.map((o) => o.precision));
      const r = summarise(band.map((o) => o.recall));
      const fn = summarise(band.map((o) => o.falseNegatives));
      console.log(`  prevalence ${pct(lo)}–${pct(hi)} t${t}: n=${band.length} precision ${pct(p.coverage)} ±${pct(p.width / 2)} | recall ${pct(r.coverage)} ±${pct(r.width / 2)} | FN ${pct(fn.coverage)} | mean misses found ${(band.reduce((s, o) => s + o.missesFound, 0) / band.length).toFixed(1)}`);
    }
  }
}
