"use client";

import { bisector, extent, format, line, scaleLinear } from "d3";
import { useMemo, useState } from "react";
import type { CostPoint } from "@/lib/story/costs";
import { formatMoney, formatThreshold } from "@/lib/format";
import { AxisBottom, AxisLeft } from "./axes";
import { Legend } from "./legend";
import { MarkerLegend, ThresholdLayer } from "./threshold-rule";
import type { ThresholdChartProps } from "./types";
import { useWidth } from "./use-width";

const margin = { top: 34, right: 16, bottom: 48, left: 64 };
const HEIGHT = 240;
const compact = format("~s");
const byThreshold = bisector<CostPoint, number>((p) => p.threshold).center;

/**
 * Expected cost a day against the threshold (false alarms × their cost + misses × theirs − catches
 * × their value), with the current threshold to drag and the recommended thresholds as markers.
 */
export function CostChart({ curve, currency, threshold, onThresholdChange, markers }: ThresholdChartProps & { curve: CostPoint[]; currency: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<CostPoint | null>(null);
  const innerWidth = Math.max(120, width - margin.left - margin.right);
  const domain = useMemo(() => {
    const [lo = 0, hi = 1] = extent(curve, (p) => p.cost);
    return scaleLinear().domain([Math.min(0, lo), Math.max(hi, lo + 1)]).nice().domain();
  }, [curve]);
  const x = scaleLinear().domain([0, 1]).range([0, innerWidth]);
  const y = scaleLinear().domain(domain).range([HEIGHT, 0]);
  const path = useMemo(() => {
    const sx = scaleLinear().domain([0, 1]).range([0, innerWidth]);
    const sy = scaleLinear().domain(domain).range([HEIGHT, 0]);
    return line<CostPoint>((p) => sx(p.threshold), (p) => sy(p.cost))(curve) ?? "";
  }, [curve, domain, innerWidth]);
  const money = (v: number) => formatMoney(v, currency);
  return (
    <figure className="chart" ref={ref} aria-label="Expected cost a day by threshold">
      <Legend
        items={[
          { label: `expected cost a day (${currency || "cost"})`, color: "var(--c-positive)", line: true },
          ...(markers?.length ? [{ label: "recommended thresholds (numbered below; click one)", color: "var(--c-fifth)", dashed: true }] : []),
          { label: "threshold (drag it)", color: "var(--c-threshold)", line: true },
        ]}
      />
      <MarkerLegend markers={markers} onPick={onThresholdChange} />
      <svg width={width} height={HEIGHT + margin.top + margin.bottom} role="img" aria-label="Expected cost a day against threshold">
        <g transform={`translate(${margin.left},${margin.top})`}>
          <AxisLeft scale={y} width={innerWidth} label={`cost a day (${currency || "cost"})`} format={(value) => `${value < 0 ? "−" : ""}${currency}${compact(Math.abs(value))}`} />
          <AxisBottom scale={x} y={HEIGHT} label={width < 480 ? "threshold" : "threshold (flagged when score ≥ threshold)"} ticks={width < 480 ? 5 : 10} />
          {y.domain()[0] < 0 ? <line className="zero-line" x1={0} x2={innerWidth} y1={y(0)} y2={y(0)} stroke="var(--ink-3)" /> : null}
          <path d={path} fill="none" stroke="var(--c-positive)" strokeWidth={2.5} />
          {hover ? (
            <g aria-hidden="true">
              <line className="hover-line" x1={x(hover.threshold)} x2={x(hover.threshold)} y1={0} y2={HEIGHT} />
              <circle cx={x(hover.threshold)} cy={y(hover.cost)} r={4} fill="var(--c-positive)" />
            </g>
          ) : null}
          <ThresholdLayer
            x={x}
            width={innerWidth}
            height={HEIGHT}
            threshold={threshold}
            onThresholdChange={onThresholdChange}
            markers={markers}
            onPointer={(px) => setHover(curve[byThreshold(curve, x.invert(px))] ?? null)}
            onLeave={() => setHover(null)}
          />
        </g>
      </svg>
      <div className="chart-tooltip" role="status">
        {hover ? `At ${formatThreshold(hover.threshold)}: ${money(hover.cost)} a day` : "Hover for the cost at a threshold; drag or press to move the threshold."}
      </div>
    </figure>
  );
}
