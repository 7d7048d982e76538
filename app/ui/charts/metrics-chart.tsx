"use client";

import { format, line, scaleLinear } from "d3";
import { useMemo, useState } from "react";
import type { ThresholdSeriesPoint } from "@/lib/metrics";
import { AxisBottom, AxisLeft } from "./axes";
import { Legend } from "./legend";
import { MarkerLegend, ThresholdLayer } from "./threshold-rule";
import type { ThresholdChartProps } from "./types";
import { useWidth } from "./use-width";

type MetricKey = "precision" | "recall" | "f1" | "flagRate";

/** The four lines: colour (Okabe–Ito) and dash so they differ without colour too. */
export const METRIC_LINES: { key: MetricKey; label: string; color: string; dash?: string }[] = [
  { key: "precision", label: "precision (share of flagged that are positive)", color: "var(--c-third)" },
  { key: "recall", label: "recall (share of positives caught)", color: "var(--c-positive)" },
  { key: "f1", label: "F1", color: "var(--c-fourth)", dash: "2 3" },
  { key: "flagRate", label: "flag rate (share of all flagged)", color: "var(--c-negative)", dash: "7 4" },
];

const margin = { top: 34, right: 16, bottom: 48, left: 72 };
const HEIGHT = 260;
const pct = format(".0%");
const pct1 = (v: number | null) => (v === null ? "—" : format(".1%")(v));

/** Precision, recall, F1 and flag rate against the threshold, with the threshold to drag. */
export function MetricsChart({ series, threshold, onThresholdChange, markers }: ThresholdChartProps & { series: ThresholdSeriesPoint[] }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<ThresholdSeriesPoint | null>(null);
  const innerWidth = Math.max(120, width - margin.left - margin.right);
  const x = scaleLinear().domain([0, 1]).range([0, innerWidth]);
  // Axes and lines do not move with the threshold: built once per size and data.
  const layer = useMemo(() => {
    const sx = scaleLinear().domain([0, 1]).range([0, innerWidth]);
    const sy = scaleLinear().domain([0, 1]).range([HEIGHT, 0]);
    return (
      <>
        <AxisLeft scale={sy} width={innerWidth} label="share (%)" format={pct} />
        <AxisBottom scale={sx} y={HEIGHT} label={innerWidth < 400 ? "threshold" : "threshold (flagged when score ≥ threshold)"} ticks={innerWidth < 400 ? 5 : 10} />
        {METRIC_LINES.map((m) => (
          <path
            key={m.key}
            d={line<ThresholdSeriesPoint>((p) => sx(p.threshold), (p) => sy(p[m.key] ?? 0)).defined((p) => p[m.key] !== null)(series) ?? ""}
            fill="none"
            stroke={m.color}
            strokeWidth={2.5}
            strokeDasharray={m.dash}
          />
        ))}
      </>
    );
  }, [series, innerWidth]);
  return (
    <figure className="chart" ref={ref} aria-label="Precision, recall, F1 and flag rate by threshold">
      <Legend items={[...METRIC_LINES.map((m) => ({ label: m.label, color: m.color, line: true, dashed: !!m.dash })), { label: "threshold (drag it)", color: "var(--c-threshold)", line: true }]} />
      <MarkerLegend markers={markers} onPick={onThresholdChange} />
      <svg width={width} height={HEIGHT + margin.top + margin.bottom} role="img" aria-label="Metrics against threshold">
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layer}
          {hover ? <line className="hover-line" x1={x(hover.threshold)} x2={x(hover.threshold)} y1={0} y2={HEIGHT} /> : null}
          <ThresholdLayer
            x={x}
            width={innerWidth}
            height={HEIGHT}
            threshold={threshold}
            onThresholdChange={onThresholdChange}
            markers={markers}
            onPointer={(px) => {
              const index = Math.round(x.invert(px) * (series.length - 1));
              setHover(series[Math.min(series.length - 1, Math.max(0, index))] ?? null);
            }}
            onLeave={() => setHover(null)}
          />
        </g>
      </svg>
      <div className="chart-tooltip" role="status">
        {hover
          ? `At ${hover.threshold.toFixed(3)}: precision ${pct1(hover.precision)}, recall ${pct1(hover.recall)}, F1 ${pct1(hover.f1)}, flag rate ${pct1(hover.flagRate)}`
          : "Hover for the values at a threshold; drag or press to move the threshold."}
      </div>
    </figure>
  );
}
