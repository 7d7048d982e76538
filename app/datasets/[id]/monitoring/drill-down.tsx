"use client";

import Link from "next/link";
import { useMemo } from "react";
import { PeriodDistribution } from "@/app/ui/charts/period-distribution";
import type { ThresholdMarker } from "@/app/ui/charts/types";
import { capitalize, formatCount, formatMoney, formatThreshold } from "@/lib/format";
import { periodWindow, shareHistogram, type MonitoringPageData, type MonitoringReport } from "@/lib/monitoring";
import { countWithRange, driftFigures, formatDay, periodPhrase, rateWithRange } from "@/lib/monitoring/sentences";
import type { ResolvedSettings } from "@/lib/story/settings";

const BINS = 50;

/** One period picked on a chart: its figures, its scores over the reference's, and its failures in the gallery. */
export function DrillDown(p: {
  datasetId: number;
  data: MonitoringPageData;
  report: MonitoringReport;
  index: number;
  settings: ResolvedSettings;
  threshold: number;
  onThreshold: (t: number) => void;
  markers: ThresholdMarker[];
}) {
  const { report: r, index, settings: s } = p;
  const v = s.vocabulary;
  const x = r.periods[index];
  const grid = p.data.periods[index];
  const reference = useMemo(() => shareHistogram(p.data.reference.grid, p.data.steps, BINS), [p.data]);
  const bins = useMemo(() => shareHistogram(grid, p.data.steps, BINS), [grid, p.data.steps]);
  if (!x) return null;
  const name = r.period === "day" ? formatDay(x.start) : `the week of ${formatDay(x.start)}`;
  const window = periodWindow(Date.parse(x.start), r.period);
  const gallery = (kind: "fn" | "fp") => `/datasets/${p.datasetId}/gallery?${new URLSearchParams({ t: String(p.threshold), kind, from: window.from, to: window.to })}`;
  const at = formatThreshold(r.threshold);
  return (
    <section className="card stack" aria-labelledby="drill-title">
      <div className="card-title-row">
        <h2 id="drill-title">{capitalize(name)}</h2>
        <span className="small muted">Pick another {r.period} on any chart (click, or ← → on a focused chart).</span>
      </div>
      <div className="drill-layout">
        <dl className="rate-list" aria-label={`Figures of ${name} at ${at}`}>
          <div><dt>{capitalize(v.itemPlural)}</dt><dd>{formatCount(x.rows)}{x.days !== 1 ? ` over ${+x.days.toFixed(2)} days` : ""}</dd></div>
          <div><dt>With a label so far</dt><dd>{formatCount(x.labeled)} ({rateWithRange(x.labeledShare, null)})</dd></div>
          <div><dt>Flagged at {at}</dt><dd>{formatCount(x.flagged)} ({rateWithRange(x.flagRate, null)})</dd></div>
          <div><dt>{capitalize(v.positive)} missed a day</dt><dd data-testid="drill-misses">{x.labeled ? countWithRange(x.missesPerDay, x.missesPerDayRange) : "unknown"}</dd></div>
          <div><dt>{capitalize(v.negative)} flagged a day</dt><dd>{x.labeled ? countWithRange(x.falseAlarmsPerDay, x.falseAlarmsPerDayRange) : "unknown"}</dd></div>
          <div><dt>Precision / recall</dt><dd>{rateWithRange(x.precision, x.precisionRange)} / {rateWithRange(x.recall, x.recallRange)}</dd></div>
          {x.costPerDay !== null ? <div><dt>Expected cost a day</dt><dd>{formatMoney(x.costPerDay, s.costs.currency)}</dd></div> : null}
          <div><dt>Against the reference</dt><dd>{x.ks === null ? "nothing to compare" : `${x.drift ? "drifted" : "in line"} ${driftFigures(x)}`}</dd></div>
        </dl>
        <div>
          <PeriodDistribution period={bins} reference={reference} periodLabel={name} threshold={p.threshold} onThresholdChange={p.onThreshold} markers={p.markers} />
          <p className="small muted">
            Counted {periodPhrase(x.start, r.period)} among labelled {v.itemPlural}: {formatCount(x.fn)} missed, {formatCount(x.fp)} false alarms.{" "}
            <Link href={gallery("fn")}>Open its missed {v.itemPlural}</Link> · <Link href={gallery("fp")}>its false alarms</Link>
          </p>
        </div>
      </div>
    </section>
  );
}
