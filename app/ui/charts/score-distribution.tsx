"use client";

import { format, max, scaleLinear, scaleLog } from "d3";
import { useMemo, useState } from "react";
import type { HistogramBin } from "@/lib/metrics";
import { AxisBottom } from "./axes";
import { Legend } from "./legend";
import { MarkerLegend, ThresholdLayer } from "./threshold-rule";
import type { ThresholdChartProps } from "./types";
import { useWidth } from "./use-width";

interface Props extends ThresholdChartProps {
  bins: HistogramBin[];
  positiveName: string;
  negativeName: string;
  logScale: boolean;
}

const countFormat = format(",~s");
// The top margin holds two rows: the threshold's label above the first panel's name.
const margin = { top: 48, right: 16, bottom: 48, left: 64 };
const PANEL = 120;
const GAP = 28;

/**
 * Score histograms of the positives (top) and negatives (bottom) on one score axis, with the
 * threshold as a line to drag: everything right of it is flagged.
 */
export function ScoreDistribution({ bins, positiveName, negativeName, logScale, threshold, onThresholdChange, markers }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<{ bin: HistogramBin; panel: 0 | 1 } | null>(null);
  const innerWidth = Math.max(120, width - margin.left - margin.right);
  const innerHeight = 2 * PANEL + GAP;
  const x = scaleLinear().domain([0, 1]).range([0, innerWidth]);
  // Everything that does not move with the threshold, built once per size and data: a drag only
  // re-renders the veil and the line.
  const layer = useMemo(() => {
    const x = scaleLinear().domain([0, 1]).range([0, innerWidth]);
    const panels = [
      { key: "positives" as const, name: positiveName, color: "var(--c-positive)", top: 0 },
      { key: "negatives" as const, name: negativeName, color: "var(--c-negative)", top: PANEL + GAP },
    ];
    return (
      <>
          {panels.map((panel) => {
            const top = max(bins, (b) => b[panel.key]) ?? 0;
            const y = logScale
              ? scaleLog().domain([0.5, Math.max(10, top * 1.1)]).range([PANEL, 0]).clamp(true)
              : scaleLinear().domain([0, Math.max(1, top)]).nice(4).range([PANEL, 0]);
            const ticks = logScale ? y.ticks(4).filter((v) => Number.isInteger(Math.log10(v))) : y.ticks(4);
            return (
              <g key={panel.key} transform={`translate(0,${panel.top})`}>
                <g aria-hidden="true">
                  {ticks.map((v) => (
                    <g key={v} transform={`translate(0,${y(v)})`}>
                      <line className="grid-line" x2={innerWidth} />
                      <text x={-8} dy="0.32em" textAnchor="end">{countFormat(v)}</text>
                    </g>
                  ))}
                  <text className="panel-label" x={4} y={-6}>{`${panel.name} (count${logScale ? ", log scale" : ""})`}</text>
                </g>
                {bins.map((b) => {
                  const count = b[panel.key];
                  const h = count > 0 ? PANEL - y(count) : 0;
                  return (
                    <rect
                      key={b.lower}
                      x={x(b.lower) + 0.5}
                      y={PANEL - h}
                      width={Math.max(0, x(b.upper) - x(b.lower) - 1)}
                      height={h}
                      fill={panel.color}
                    />
                  );
                })}
                <line className="domain" x2={innerWidth} y1={PANEL} y2={PANEL} />
              </g>
            );
          })}
          <text className="axis-label" transform={`translate(-48,${innerHeight / 2}) rotate(-90)`} textAnchor="middle" aria-hidden="true">examples per bin</text>
          <AxisBottom scale={x} y={innerHeight} label={innerWidth < 400 ? "model score" : "model score (flagged when score ≥ threshold)"} ticks={innerWidth < 400 ? 5 : 10} />
      </>
    );
  }, [bins, logScale, innerWidth, innerHeight, positiveName, negativeName]);
  return (
    <figure className="chart" ref={ref} aria-label={`Score distribution of ${positiveName} and ${negativeName} examples`}>
      <Legend items={[{ label: `actually ${positiveName}`, color: "var(--c-positive)" }, { label: `actually ${negativeName}`, color: "var(--c-negative)" }, { label: "threshold (drag it)", color: "var(--c-threshold)", line: true }]} />
      <MarkerLegend markers={markers} onPick={onThresholdChange} />
      <svg width={width} height={innerHeight + margin.top + margin.bottom} role="img" aria-label="Histograms of scores by class with the threshold line">
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layer}
          <rect className="not-flagged-veil" width={Math.max(0, x(threshold))} height={PANEL} />
          <rect className="not-flagged-veil" y={PANEL + GAP} width={Math.max(0, x(threshold))} height={PANEL} />
          <ThresholdLayer
            x={x}
            width={innerWidth}
            height={innerHeight}
            threshold={threshold}
            onThresholdChange={onThresholdChange}
            markers={markers}
            testId="distribution-drag-surface"
            labelY={-28}
            onPointer={(px, py) => {
              const score = x.invert(px);
              const panel = py > PANEL + GAP / 2 ? 1 : 0;
              setHover({ bin: bins[Math.min(bins.length - 1, Math.max(0, Math.floor(score * bins.length)))], panel });
            }}
            onLeave={() => setHover(null)}
          />
        </g>
      </svg>
      {hover ? (
        <div className="chart-tooltip" role="status">
          Scores {hover.bin.lower.toFixed(2)}–{hover.bin.upper.toFixed(2)}: {format(",")(hover.bin[hover.panel === 0 ? "positives" : "negatives"])} {hover.panel === 0 ? positiveName : negativeName}
        </div>
      ) : (
        <div className="chart-tooltip muted">Faded bars are below the threshold (not flagged). Drag the line, or press anywhere on the chart, to move it.</div>
      )}
    </figure>
  );
}
