"use client";

import { format } from "d3";
import { memo, useMemo } from "react";
import { TimeChart, type LevelLine, type TimeSeries } from "@/app/ui/charts/time-chart";
import { capitalize, formatAverage, formatMoney, formatThreshold } from "@/lib/format";
import { DAY_MS, PERIOD_LENGTH_DAYS, type AlertRule, type DriftRule, type MonitoringPeriod, type MonitoringReport } from "@/lib/monitoring";
import { countWithRange, formatStatistic, periodPhrase, rateWithRange } from "@/lib/monitoring/sentences";
import { hasCosts } from "@/lib/story/costs";
import type { ResolvedSettings } from "@/lib/story/settings";

export interface ChartsProps {
  /** At the replayed threshold. */
  current: MonitoringReport;
  /** Any report of the same data: what does not depend on the threshold (volume, labels, prevalence, drift) is read from it. */
  base: MonitoringReport;
  deployed: MonitoringReport | null;
  settings: ResolvedSettings;
  rules: AlertRule[];
  driftRule: DriftRule;
  referenceWindow: { from: number; to: number } | null;
  selected: number;
  onSelect: (i: number) => void;
}

const pct = format(".0%");
const count = (v: number) => formatAverage(v);
const values = (r: MonitoringReport, f: (p: MonitoringPeriod) => number | null) => r.periods.map(f);

/** What every chart of the page shares: the periods on the time axis, drift shading, the selection. */
function useCommon(r: MonitoringReport, p: Pick<ChartsProps, "referenceWindow" | "selected" | "onSelect">) {
  const starts = useMemo(() => r.periods.map((x) => Date.parse(x.start)), [r.periods]);
  const drift = useMemo(() => r.periods.map((x) => x.drift), [r.periods]);
  const periodMs = PERIOD_LENGTH_DAYS[r.period] * DAY_MS;
  const when = (i: number) => capitalize(periodPhrase(r.periods[i].start, r.period));
  const common = { starts, periodMs, drift, referenceWindow: p.referenceWindow, selected: p.selected, onSelect: p.onSelect, xLabel: r.period === "day" ? "day (UTC)" : "week (UTC, from Monday)" };
  return { common, when };
}

type StaticProps = Pick<ChartsProps, "base" | "settings" | "driftRule" | "referenceWindow" | "selected" | "onSelect">;

/** The charts that do not move with the threshold (drawn again only when the selection moves). */
const StaticCharts = memo(function StaticCharts(p: StaticProps & { part: "head" | "drift" }) {
  const r = p.base;
  const v = p.settings.vocabulary;
  const { common, when } = useCommon(r, p);
  if (p.part === "drift") {
    return (
      <TimeChart
        {...common}
        title="Drift: KS statistic and PSI against the reference"
        yLabel="statistic"
        yFormat={format(".2~f")}
        levels={[{ value: p.driftRule.minKs, label: `drift needs KS ≥ ${p.driftRule.minKs} and p < ${p.driftRule.alpha}` }]}
        series={[
          { key: "ks", label: "KS statistic (largest gap between the score distributions)", color: "var(--c-fifth)", values: values(r, (x) => x.ks) },
          { key: "psi", label: "PSI (population stability index)", color: "var(--ink-2)", values: values(r, (x) => x.psi), dash: "4 3" },
        ]}
        describe={(i) => {
          const x = r.periods[i];
          if (x.ks === null) return `${when(i)}: no rows to compare.`;
          return `${when(i)}: KS ${formatStatistic(x.ks)}, PSI ${x.psi === null ? "—" : formatStatistic(x.psi)}: ${x.drift ? "the scores drifted" : "no drift"}.`;
        }}
      />
    );
  }
  return (
    <>
      <TimeChart
        {...common}
        title={`Volume: ${v.itemPlural} a day`}
        yLabel={`${v.itemPlural} a day`}
        yFormat={format("~s")}
        series={[{ key: "rows", label: `${v.itemPlural} a day`, color: "var(--c-negative)", values: values(r, (x) => x.rowsPerDay), bars: true }]}
        describe={(i) => `${when(i)}: ${count(r.periods[i].rowsPerDay ?? 0)} ${v.itemPlural} a day (${r.periods[i].rows.toLocaleString("en-US")} in all).`}
      />
      <TimeChart
        {...common}
        title="Share labelled so far (the label delay)"
        yLabel="labelled (%)"
        yFormat={pct}
        yMaxAtLeast={1}
        series={[{ key: "labelled", label: `${v.itemPlural} with a label`, color: "var(--c-third)", values: values(r, (x) => x.labeledShare) }]}
        describe={(i) => `${when(i)}: ${rateWithRange(r.periods[i].labeledShare, null)} labelled (${r.periods[i].labeled.toLocaleString("en-US")} of ${r.periods[i].rows.toLocaleString("en-US")}).`}
      />
      <TimeChart
        {...common}
        title={`Prevalence: share ${v.positive}`}
        yLabel={`${v.positive} (% of labelled)`}
        yFormat={format(".1%")}
        series={[{ key: "prevalence", label: `${v.positive} among the labelled`, color: "var(--c-positive)", values: values(r, (x) => x.prevalence) }]}
        describe={(i) => `${when(i)}: ${rateWithRange(r.periods[i].prevalence, null)} of the labelled ${v.itemPlural} were ${v.positive}.`}
      />
    </>
  );
});

/** The charts at the replayed threshold, with the threshold in production dashed behind. */
const ThresholdCharts = memo(function ThresholdCharts(p: Omit<ChartsProps, "base" | "driftRule">) {
  const { current: r, deployed: d, settings: s } = p;
  const v = s.vocabulary;
  const { common, when } = useCommon(r, p);
  const at = formatThreshold(r.threshold);
  const atDeployed = d ? formatThreshold(d.threshold) : null;
  /** The same figure at the threshold in production, thin and dashed behind the replayed one. */
  const behind = (key: string, label: string, color: string, f: (x: MonitoringPeriod) => number | null): TimeSeries[] =>
    d ? [{ key: `${key}-deployed`, label: `${label} at ${atDeployed} (in production)`, color, values: values(d, f), dash: "5 4", thin: true }] : [];
  const limit = (kind: "misses" | "falseAlarms"): LevelLine[] =>
    p.rules.flatMap((rule) => (rule.kind === kind ? [{ value: rule.perDayAbove, label: `alert above ${formatAverage(rule.perDayAbove)} a day` }] : []));
  const flagLimits: LevelLine[] = p.rules.flatMap((rule) =>
    rule.kind === "flagRate" ? [...(rule.min === null ? [] : [{ value: rule.min, label: `alert below ${pct(rule.min)}` }]), ...(rule.max === null ? [] : [{ value: rule.max, label: `alert above ${pct(rule.max)}` }])] : [],
  );
  const money = (x: number) => formatMoney(x, s.costs.currency);
  return (
    <>
      <TimeChart
        {...common}
        title={`Flag rate at ${at}`}
        yLabel="flagged (%)"
        yFormat={format(".1%")}
        levels={flagLimits}
        series={[{ key: "flagRate", label: `flagged at ${at}`, color: "var(--c-fourth)", values: values(r, (x) => x.flagRate) }, ...behind("flagRate", "flagged", "var(--c-fourth)", (x) => x.flagRate)]}
        describe={(i) => `${when(i)}: ${rateWithRange(r.periods[i].flagRate, null)} of ${v.itemPlural} flagged at ${at}${d ? `, ${rateWithRange(d.periods[i].flagRate, null)} at ${atDeployed}` : ""}.`}
      />
      <TimeChart
        {...common}
        title={`False alarms and misses a day at ${at}, with 95% ranges`}
        yLabel={`${v.itemPlural} a day`}
        yFormat={format("~s")}
        levels={[...limit("misses"), ...limit("falseAlarms")]}
        series={[
          { key: "falseAlarms", label: `${v.negative} ${v.itemPlural} flagged (false alarms)`, color: "var(--c-negative)", values: values(r, (x) => x.falseAlarmsPerDay), ranges: r.periods.map((x) => x.falseAlarmsPerDayRange) },
          { key: "misses", label: `${v.positive} ${v.itemPlural} missed`, color: "var(--c-positive)", values: values(r, (x) => x.missesPerDay), ranges: r.periods.map((x) => x.missesPerDayRange) },
          ...behind("falseAlarms", "false alarms", "var(--c-negative)", (x) => x.falseAlarmsPerDay),
          ...behind("misses", "missed", "var(--c-positive)", (x) => x.missesPerDay),
        ]}
        describe={(i) => {
          const x = r.periods[i];
          if (x.labeled === 0) return `${when(i)}: no label yet, so false alarms and misses are unknown.`;
          return `${when(i)}: ${countWithRange(x.missesPerDay, x.missesPerDayRange)} ${v.positive} missed and ${countWithRange(x.falseAlarmsPerDay, x.falseAlarmsPerDayRange)} ${v.negative} flagged a day at ${at}.`;
        }}
      />
      <TimeChart
        {...common}
        title={`Precision and recall at ${at}, with 95% ranges`}
        yLabel="share (%)"
        yFormat={pct}
        yMaxAtLeast={1}
        series={[
          { key: "precision", label: `precision (flagged that are ${v.positive})`, color: "var(--c-third)", values: values(r, (x) => x.precision), ranges: r.periods.map((x) => x.precisionRange) },
          { key: "recall", label: `recall (${v.positive} caught)`, color: "var(--c-fifth)", values: values(r, (x) => x.recall), ranges: r.periods.map((x) => x.recallRange), dash: "7 3" },
        ]}
        describe={(i) => `${when(i)}: precision ${rateWithRange(r.periods[i].precision, r.periods[i].precisionRange)}, recall ${rateWithRange(r.periods[i].recall, r.periods[i].recallRange)}.`}
      />
      {hasCosts(s.costs) ? (
        <TimeChart
          {...common}
          title={`Expected cost a day at ${at}`}
          yLabel={`cost a day (${s.costs.currency || "money"})`}
          yFormat={(x) => money(x)}
          series={[{ key: "cost", label: "expected cost a day", color: "var(--c-positive)", values: values(r, (x) => x.costPerDay) }, ...behind("cost", "cost", "var(--c-positive)", (x) => x.costPerDay)]}
          describe={(i) => (r.periods[i].costPerDay === null ? `${when(i)}: unknown (no label yet).` : `${when(i)}: ${money(r.periods[i].costPerDay as number)} a day at ${at}${d && d.periods[i].costPerDay !== null ? `, ${money(d.periods[i].costPerDay as number)} at ${atDeployed}` : ""}.`)}
        />
      ) : (
        <div className="card-inset small muted">Expected cost a day: enter the cost of a false alarm and of a miss on the Daily impact tab to see it here.</div>
      )}
    </>
  );
});

/**
 * The dataset's charts over time: volume, labels, prevalence, flag rate, errors a day, precision
 * and recall, cost, drift. A new threshold redraws only the four that depend on it.
 */
export function MonitoringCharts({ base, driftRule, ...p }: ChartsProps) {
  const fixed = { base, settings: p.settings, driftRule, referenceWindow: p.referenceWindow, selected: p.selected, onSelect: p.onSelect };
  return (
    <div className="monitoring-charts">
      <StaticCharts {...fixed} part="head" />
      <ThresholdCharts {...p} />
      <StaticCharts {...fixed} part="drift" />
    </div>
  );
}
