"use client";

import { format, line, max, scaleLinear, scaleSqrt } from "d3";
import { useMemo, useState } from "react";
import type { ShareBin } from "@/lib/monitoring/page-data";
import { AxisBottom, AxisLeft } from "./axes";
import { Legend } from "./legend";
import { MarkerLegend, ThresholdLayer } from "./threshold-rule";
import type { ThresholdChartProps } from "./types";
import { useWidth } from "./use-width";

const margin = { top: 34, right: 16, bottom: 48, left: 80 };
const HEIGHT = 220;
const pct = format(".1%");

/**
 * One period's scores over the reference's: the share of all its rows (labelled or not) in each
 * score bin as bars, the reference's as a step line, on a square-root scale (most rows score low;
 * the top bins, where thresholds sit, stay readable). The threshold is drawn and dragged as on the
 * explorer.
 */
export function PeriodDistribution({ period, reference, periodLabel, threshold, onThresholdChange, markers }: ThresholdChartProps & { period: ShareBin[]; reference: ShareBin[]; periodLabel: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const innerWidth = Math.max(160, width - margin.left - margin.right);
  const x = scaleLinear().domain([0, 1]).range([0, innerWidth]);
  const layer = useMemo(() => {
    const sx = scaleLinear().domain([0, 1]).range([0, innerWidth]);
    const top = Math.max(max(period, (b) => b.share) ?? 0, max(reference, (b) => b.share) ?? 0, 0.01);
    const sy = scaleSqrt().domain([0, top]).nice().range([HEIGHT, 0]);
    const steps = reference.flatMap((b) => [[b.lower, b.share], [b.upper, b.share]] as [number, number][]);
    return (
      <>
        <AxisLeft scale={sy} width={innerWidth} label="share of rows (%)" format={format(".0%")} ticks={4} />
        <AxisBottom scale={sx} y={HEIGHT} label={innerWidth < 400 ? "score" : "score (flagged when score ≥ threshold)"} ticks={innerWidth < 400 ? 5 : 10} />
        <g fill="var(--c-negative)" opacity={0.75}>
          {period.map((b) => (
            <rect key={b.lower} x={sx(b.lower) + 0.5} width={Math.max(0.5, sx(b.upper) - sx(b.lower) - 1)} y={sy(b.share)} height={HEIGHT - sy(b.share)} />
          ))}
        </g>
        <path d={line<[number, number]>((d) => sx(d[0]), (d) => sy(d[1]))(steps) ?? ""} fill="none" stroke="var(--ink)" strokeWidth={2} strokeDasharray="6 3" />
      </>
    );
  }, [period, reference, innerWidth]);
  const bin = hover === null ? null : Math.min(period.length - 1, Math.max(0, Math.floor(x.invert(hover) * period.length)));
  return (
    <figure className="chart" ref={ref} aria-label={`Scores of ${periodLabel} over the reference's`}>
      <Legend items={[{ label: periodLabel, color: "var(--c-negative)" }, { label: "reference", color: "var(--ink)", dashed: true }, { label: "threshold (drag it)", color: "var(--c-threshold)", line: true }]} />
      <MarkerLegend markers={markers} onPick={onThresholdChange} />
      <svg width={width} height={HEIGHT + margin.top + margin.bottom} role="img" aria-label={`Share of rows by score, ${periodLabel} against the reference`}>
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layer}
          <ThresholdLayer x={x} width={innerWidth} height={HEIGHT} threshold={threshold} onThresholdChange={onThresholdChange} markers={markers} onPointer={(px) => setHover(px)} onLeave={() => setHover(null)} />
        </g>
      </svg>
      <div className="chart-tooltip" role="status">
        {bin === null
          ? "Hover for a bin's shares; drag to move the threshold."
          : `Scores ${period[bin].lower.toFixed(2)}–${period[bin].upper.toFixed(2)}: ${pct(period[bin].share)} of ${periodLabel}, ${pct(reference[bin]?.share ?? 0)} of the reference`}
      </div>
    </figure>
  );
}
