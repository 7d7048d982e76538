"use client";

import { useMemo, useState } from "react";
import { formatCount, formatPercent } from "@/lib/format";
import { cumulateGrid, curvePoint, downsampleCurve, gridConfusionAt, gridCurve, histogramFromGrid, ratesOf, thresholdSeries, type ExplorerData, type GridCurvePoint } from "@/lib/metrics";
import { ConfusionMatrix } from "@/app/ui/charts/confusion-matrix";
import { CurveChart } from "@/app/ui/charts/curve-chart";
import { MetricsChart } from "@/app/ui/charts/metrics-chart";
import { ReliabilityChart } from "@/app/ui/charts/reliability-chart";
import { ScoreDistribution } from "@/app/ui/charts/score-distribution";
import { ThresholdControl } from "@/app/ui/charts/threshold-control";
import type { ThresholdMarker } from "@/app/ui/charts/types";
import { useThreshold } from "./threshold-context";
import { Term } from "@/app/ui/term";

interface Props {
  data: ExplorerData;
  /** Words for the classes, e.g. "fraudulent" / "valid". */
  positiveName: string;
  negativeName: string;
  /** Thresholds to mark on every chart (e.g. recommendations); clicking one selects it. */
  markers?: ThresholdMarker[];
  /** Brier score of the dataset (shown with the reliability diagram). */
  brier?: number | null;
}

const drawable = (points: GridCurvePoint[]) => downsampleCurve(points, (p) => p.x, (p) => p.y, 400, 0.002).points;

/**
 * The threshold explorer: every number is recomputed in the browser from the dataset's threshold
 * grid (exact counts at every 4-decimal threshold), so dragging never waits for the server.
 */
export function ThresholdExplorer({ data, positiveName, negativeName, markers, brier = null }: Props) {
  const { threshold, setThreshold } = useThreshold();
  const [logScale, setLogScale] = useState(true);
  const grid = useMemo(() => cumulateGrid(data.grid), [data.grid]);
  const bins = useMemo(() => histogramFromGrid(grid, 50), [grid]);
  const series = useMemo(() => thresholdSeries(grid, 201), [grid]);
  const roc = useMemo(() => gridCurve(grid, "roc"), [grid]);
  const pr = useMemo(() => gridCurve(grid, "pr"), [grid]);
  const rocDrawn = useMemo(() => drawable(roc), [roc]);
  const prDrawn = useMemo(() => drawable(pr), [pr]);
  const matrix = gridConfusionAt(grid, threshold);
  const rates = ratesOf(matrix);
  const flagged = matrix.tp + matrix.fp;
  const P = grid.totalPositives;
  const N = grid.totalNegatives;
  const pointAt = (kind: "roc" | "pr", t: number) => {
    const m = gridConfusionAt(grid, t);
    return curvePoint(kind, m.tp, m.fp, P, N);
  };
  const markersOn = (kind: "roc" | "pr") =>
    (markers ?? []).flatMap((m, i) => {
      const p = pointAt(kind, m.threshold);
      return p ? [{ ...m, ...p, number: i + 1 }] : [];
    });
  const valueText = `${threshold}: ${formatCount(flagged)} flagged, ${formatCount(matrix.tp)} caught, ${formatCount(matrix.fn)} missed, ${formatCount(matrix.fp)} false alarms`;

  if (P + N === 0) return <p className="empty card">This dataset has no labelled rows yet, so there is nothing to explore.</p>;

  return (
    <section className="explorer stack" aria-label="Threshold explorer">
      <div className="card explorer-controls">
        <ThresholdControl threshold={threshold} onChange={setThreshold} valueText={valueText} />
        <p className="explorer-headline" aria-live="polite" data-testid="explorer-headline">
          Flagging scores ≥ <strong className="num">{threshold}</strong>: <strong className="num">{formatCount(flagged)}</strong> flagged ({formatPercent(rates.flagRate, 1)}),{" "}
          <strong className="num">{formatCount(matrix.tp)}</strong> of {formatCount(P)} {positiveName} caught.
        </p>
      </div>
      <div className="explorer-main">
        <div className="card">
          <div className="card-title-row">
            <h2>Scores by class</h2>
            <label className="toggle">
              <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} /> log count scale
            </label>
          </div>
          <ScoreDistribution bins={bins} positiveName={positiveName} negativeName={negativeName} logScale={logScale} threshold={threshold} onThresholdChange={setThreshold} markers={markers} />
        </div>
        <div className="card">
          <h2>At this threshold</h2>
          <ConfusionMatrix matrix={matrix} positiveName={positiveName} negativeName={negativeName} />
          <dl className="rate-list" data-testid="rates">
            {([
              ["Precision", rates.precision, "of flagged are " + positiveName],
              ["Recall", rates.recall, "of " + positiveName + " caught"],
              ["False positive rate", rates.fpr, "of " + negativeName + " flagged"],
              ["Specificity", rates.specificity, "of " + negativeName + " not flagged"],
              ["Accuracy", rates.accuracy, "of all labelled items classified right"],
              ["F1", rates.f1, "balance of precision and recall"],
            ] as const).map(([label, value, note]) => (
              <div key={label}>
                <dt><Term word={label} /></dt>
                <dd className="num">{formatPercent(value as number | null, 1)} <span className="muted small">{note}</span></dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
      <div className="explorer-curves">
        <div className="card">
          <h2>ROC curve</h2>
          <CurveChart
            title="ROC curve"
            points={roc}
            drawn={rocDrawn}
            xLabel={`false positive rate (% of ${negativeName} flagged)`}
            yLabel={`recall (% of ${positiveName} caught)`}
            color="var(--c-negative)"
            current={pointAt("roc", threshold)}
            threshold={threshold}
            onThresholdChange={setThreshold}
            markers={markersOn("roc")}
            reference={{ kind: "diagonal", label: "chance" }}
            describe={(p) => `threshold ${p.threshold}: ${formatPercent(p.x, 1)} false positive rate, ${formatPercent(p.y, 1)} recall`}
          />
        </div>
        <div className="card">
          <h2>Precision–recall curve</h2>
          <CurveChart
            title="Precision–recall curve"
            points={pr}
            drawn={prDrawn}
            xLabel={`recall (% of ${positiveName} caught)`}
            yLabel="precision (% of flagged that are right)"
            color="var(--c-third)"
            current={pointAt("pr", threshold)}
            threshold={threshold}
            onThresholdChange={setThreshold}
            markers={markersOn("pr")}
            reference={{ kind: "horizontal", y: P / (P + N), label: `${positiveName} share (${formatPercent(P / (P + N), 1)})` }}
            describe={(p) => `threshold ${p.threshold}: ${formatPercent(p.x, 1)} recall, ${formatPercent(p.y, 1)} precision`}
          />
        </div>
        <div className="card">
          <h2>Reliability</h2>
          <ReliabilityChart bins={data.calibration} threshold={threshold} brier={brier} />
        </div>
      </div>
      <div className="card">
        <h2>Metrics by threshold</h2>
        <MetricsChart series={series} threshold={threshold} onThresholdChange={setThreshold} markers={markers} />
      </div>
    </section>
  );
}
