"use client";

import Link from "next/link";
import { useMemo, useState, useSyncExternalStore } from "react";
import { ThresholdControl } from "@/app/ui/charts/threshold-control";
import type { AlertView } from "@/lib/db/types";
import { formatAverage, formatCount, formatThreshold } from "@/lib/format";
import { snapToGrid, type DriftRule, type MonitoringPageData, type ResolvedMonitoringSettings } from "@/lib/monitoring";
import type { RowCounts } from "@/lib/metrics/segment";
import type { ResolvedSettings } from "@/lib/story/settings";
import { useThreshold } from "../threshold-context";
import { AlertsList } from "./alerts-list";
import { DrillDown } from "./drill-down";
import { MonitoringCharts } from "./monitoring-charts";
import { MonitoringSettingsPanel } from "./monitoring-settings";
import { PeriodsTable } from "./periods-table";
import { useMonitoring } from "./use-monitoring";

export interface ReferenceInfo {
  spec: string;
  kind: "window" | "dataset";
  label: string;
  from: string | null;
  to: string | null;
  notice: string | null;
}

export interface MonitoringViewProps {
  datasetId: number;
  datasetName: string;
  data: MonitoringPageData;
  settings: ResolvedSettings;
  monitoring: ResolvedMonitoringSettings;
  reference: ReferenceInfo;
  /** The reference comes from the link (`?reference=`), not from the saved settings. */
  referenceIsTemporary: boolean;
  undated: RowCounts;
  alerts: AlertView[];
  choices: { id: number; name: string; rows: number }[];
  driftRule: DriftRule;
  replayPeriods: number;
}

const noSubscription = () => () => {};

/** The Monitoring tab's interactive part: the replay threshold, the charts, the drill-down, alerts and settings. */
export function MonitoringView(p: MonitoringViewProps) {
  const { threshold, setThreshold } = useThreshold();
  const { data, settings } = p;
  const v = settings.vocabulary;
  const deployed = p.monitoring.deployedThreshold;
  const { current, deployed: atDeployed, base: baseReport } = useMonitoring(data, settings, threshold, deployed, p.replayPeriods);
  const [selected, setSelected] = useState(Math.max(0, data.periods.length - 1));
  // Charts are drawn in the browser only (their width is the browser's; the page's HTML stays small).
  const mounted = useSyncExternalStore(noSubscription, () => true, () => false);
  const snap = (t: number) => setThreshold(snapToGrid(t, data.steps));
  const replay = current.replay;
  const { kind: referenceKind, from: referenceFrom, to: referenceTo } = p.reference;
  const referenceWindow = useMemo(
    () => (referenceKind === "window" && referenceFrom && referenceTo ? { from: Date.parse(referenceFrom), to: Date.parse(referenceTo) } : null),
    [referenceKind, referenceFrom, referenceTo],
  );
  const last = replay?.candidate;
  const valueText = `${formatThreshold(threshold)}${last && last.misses !== null && last.falseAlarms !== null ? `: about ${formatAverage(last.misses)} ${v.positive} missed and ${formatAverage(last.falseAlarms)} ${v.negative} flagged a day` : ""}`;
  const markers = deployed === null ? [] : [{ threshold: deployed, label: "in production" }];
  const period = data.period;
  const base = `/datasets/${p.datasetId}/monitoring`;
  const query = (next: Record<string, string>) => `?${new URLSearchParams({ t: String(threshold), ...next })}`;

  return (
    <div className="stack monitoring">
      <section className="card stack" aria-label="Replay">
        <div className="monitoring-controls">
          <ThresholdControl threshold={threshold} onChange={snap} valueText={valueText} />
          <nav className="monitoring-period" aria-label="Periods">
            <Link className="button" aria-current={period === "day" ? "page" : undefined} href={`${base}${query({})}`}>By day</Link>
            <Link className="button" aria-current={period === "week" ? "page" : undefined} href={`${base}${query({ period: "week" })}`}>By week</Link>
            <Link className="button" href={`${base}/weekly${query({})}`}>Weekly report</Link>
          </nav>
        </div>
        <p className="monitoring-replay" role="status" data-testid="replay-sentence">
          {replay ? replay.sentence : `Set the threshold in production (below) to compare ${formatThreshold(threshold)} with it over past ${period}s.`}
        </p>
        <p className="small muted">
          Every {period} is compared with {p.reference.label}
          {p.referenceIsTemporary ? " (from the link; not saved)" : ""}. Drift needs a KS statistic of at least {p.driftRule.minKs} with p &lt; {p.driftRule.alpha}.
          {data.steps < 10_000 ? ` Thresholds move in steps of ${1 / data.steps} on this page, so that ${formatCount(data.periods.length)} ${period}s fit in it; the API answers any threshold.` : ""}
          {p.undated.rows ? ` ${formatCount(p.undated.rows)} ${v.itemPlural} have no timestamp and are in no ${period}.` : ""}
        </p>
        {p.reference.notice ? <p className="alert small" role="status">Note: {p.reference.notice}.</p> : null}
      </section>
      <AlertsList alerts={p.alerts} rules={p.monitoring.alerts.length} webhook={p.monitoring.webhookUrl !== null} />
      {mounted ? (
        <MonitoringCharts current={current} deployed={atDeployed} base={baseReport} settings={settings} rules={p.monitoring.alerts} driftRule={p.driftRule} referenceWindow={referenceWindow} selected={selected} onSelect={setSelected} />
      ) : (
        <div className="monitoring-charts" aria-busy="true">{Array.from({ length: 8 }, (_, i) => <div key={i} className="skeleton" style={{ height: "17rem" }} />)}</div>
      )}
      {mounted ? <DrillDown datasetId={p.datasetId} data={data} report={current} index={selected} settings={settings} threshold={threshold} onThreshold={snap} markers={markers} /> : null}
      <PeriodsTable report={current} vocabulary={v} selected={selected} onSelect={setSelected} />
      <MonitoringSettingsPanel datasetId={p.datasetId} saved={p.monitoring} referenceInUse={p.reference.label} choices={p.choices} threshold={threshold} vocabulary={v} />
    </div>
  );
}
