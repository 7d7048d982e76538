import type { AucComparison, DailyDifference } from "@/lib/compare";
import { formatSigned } from "@/lib/compare/sentences";
import { capitalize, formatAverage, formatDecimal, formatPercent, formatThreshold } from "@/lib/format";
import type { ModelFacts } from "@/lib/models";
import type { DailyCounts, OutcomeCounts } from "@/lib/story/daily";
import type { Vocabulary } from "@/lib/story/settings";
import type { ReactNode } from "react";

/** One model at its threshold, as both answers (paired and A/B) give it. */
export interface ModelColumn extends OutcomeCounts {
  threshold: number;
  rocAuc: number | null;
  daily: DailyCounts;
  withinLoad: boolean | null;
}

interface Props {
  a: ModelColumn;
  b: ModelColumn;
  nameA: string;
  nameB: string;
  factsA: ModelFacts | null;
  factsB: ModelFacts | null;
  /** B − A a day with 95% ranges; `flagged` only when paired. */
  daily: { caught: DailyDifference; missed: DailyDifference; falseAlarms: DailyDifference; flagged?: DailyDifference };
  auc: AucComparison | null;
  vocabulary: Vocabulary;
}

const perDay = (x: number | null, decimals = 0) => (x === null ? "—" : decimals ? x.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : formatAverage(x));

/**
 * Decimals to show two daily counts with: one when either is not a whole number and both are
 * under 10,000, so "14 and 14, difference −0.5" never appears (it is 14.0 and 13.5).
 */
export function pairDecimals(a: number | null, b: number | null): number {
  const fractional = (x: number | null) => x !== null && Math.abs(x) < 10_000 && Math.abs(x - Math.round(x)) >= 0.05;
  return fractional(a) || fractional(b) ? 1 : 0;
}

const pair = (a: number | null, b: number | null): [string, string] => {
  const d = pairDecimals(a, b);
  return [perDay(a, d), perDay(b, d)];
};
function range(d: DailyDifference | undefined): ReactNode {
  if (!d || d.perDay === null) return "—";
  if (!d.range) return formatSigned(d.perDay);
  return (
    <>
      <span className="nowrap">{formatSigned(d.perDay)}</span> <span className="small muted nowrap">({formatSigned(d.range[0])} to {formatSigned(d.range[1])})</span>
    </>
  );
}
const share = (k: number, n: number) => (n ? formatPercent(k / n, 1) : "—");
const pText = (p: number | null) => (p === null ? "" : ` · p ${p >= 0.001 ? p.toFixed(3) : "< 0.001"}`);

/** "4× smaller", "1.3× slower" of B against A; "" when a fact is missing. */
export function ratioWords(a: number | null, b: number | null, smaller: string, larger: string): string {
  if (!a || !b || a <= 0 || b <= 0) return "";
  const ratio = a >= b ? a / b : b / a;
  const shown = formatAverage(ratio);
  return shown === "1" ? "about the same" : `${shown}× ${a >= b ? smaller : larger}`;
}

/**
 * The two models side by side at their thresholds: daily counts in the dataset's words, rates,
 * ROC AUC and the artefacts' facts, with B − A and its 95% range.
 */
export function SideBySide({ a, b, nameA, nameB, factsA, factsB, daily, auc, vocabulary: v }: Props) {
  const rows: [string, string, string, ReactNode, string?][] = [
    ["Threshold (flag when score ≥)", formatThreshold(a.threshold) + (a.withinLoad === false ? " *" : ""), formatThreshold(b.threshold) + (b.withinLoad === false ? " *" : ""), "", "threshold"],
    [`${capitalize(v.itemPlural)} flagged a day (to review)`, ...pair(a.daily.flagged, b.daily.flagged), range(daily.flagged), "flagged"],
    [`${capitalize(v.positive)} ${v.itemPlural} caught a day`, ...pair(a.daily.truePositives, b.daily.truePositives), range(daily.caught), "caught"],
    [`${capitalize(v.positive)} ${v.itemPlural} missed a day`, ...pair(a.daily.falseNegatives, b.daily.falseNegatives), range(daily.missed), "missed"],
    [`False alarms a day (${v.negative} ${v.itemPlural} flagged)`, ...pair(a.daily.falsePositives, b.daily.falsePositives), range(daily.falseAlarms), "false-alarms"],
    [`Share of ${v.positive} caught (recall)`, share(a.tp, a.tp + a.fn), share(b.tp, b.tp + b.fn), ""],
    [`Share of ${v.negative} flagged (false positive rate)`, share(a.fp, a.fp + a.tn), share(b.fp, b.fp + b.tn), ""],
    ["ROC AUC", formatDecimal(a.rocAuc, 4), formatDecimal(b.rocAuc, 4), auc && auc.difference !== null ? `${formatSmall(auc.difference)}${auc.standardError !== null ? ` (± ${formatSmall(1.96 * auc.standardError, false)})` : ""}${pText(auc.pValue)}` : ""],
    ["Format", factsA?.format ?? "—", factsB?.format ?? "—", ""],
    ["Size (MB)", factsA?.sizeMb != null ? formatAverage(factsA.sizeMb) : "—", factsB?.sizeMb != null ? formatAverage(factsB.sizeMb) : "—", ratioWords(factsA?.sizeMb ?? null, factsB?.sizeMb ?? null, "smaller", "larger")],
    ["Median latency (ms)", factsA?.latencyMs != null ? formatAverage(factsA.latencyMs) : "—", factsB?.latencyMs != null ? formatAverage(factsB.latencyMs) : "—", ratioWords(factsA?.latencyMs ?? null, factsB?.latencyMs ?? null, "faster", "slower")],
  ];
  // Facts neither version has are left out (the Models page asks for them).
  const known = (k: "format" | "sizeMb" | "latencyMs") => factsA?.[k] != null || factsB?.[k] != null;
  for (const [label, key] of [["Median latency (ms)", "latencyMs"], ["Size (MB)", "sizeMb"], ["Format", "format"]] as const) {
    if (!known(key)) rows.splice(rows.findIndex((r) => r[0] === label), 1);
  }
  return (
    <table className="table side-by-side cards-on-phone" aria-label="The two models side by side" data-testid="side-by-side">
      <thead>
        <tr>
          <th scope="col">At these thresholds</th>
          <th scope="col" className="num">{nameA}</th>
          <th scope="col" className="num">{nameB}</th>
          <th scope="col" className="num">{nameB} − {nameA} (95% range)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, va, vb, diff, id]) => (
          <tr key={label} data-testid={id ? `row-${id}` : undefined}>
            <th scope="row">{label}</th>
            <td className="num" data-label={nameA}>{va}</td>
            <td className="num" data-label={nameB}>{vb}</td>
            <td className="num" data-label={`${nameB} − ${nameA}`}>{diff || "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A small difference with two significant digits (−0.000024), signed unless `signed` is false. */
export function formatSmall(x: number, signed = true): string {
  if (x === 0) return "0";
  const shown = Math.abs(x) >= 0.01 ? Math.abs(x).toFixed(4) : Number(Math.abs(x).toPrecision(2)).toFixed(Math.max(4, 1 - Math.floor(Math.log10(Math.abs(x)))));
  return signed ? `${x < 0 ? "−" : "+"}${shown}` : shown;
}
