"use client";

import { format, line, scaleLinear, scaleSqrt } from "d3";
import { useMemo } from "react";
import type { CalibrationBin } from "@/lib/metrics";
import { AxisBottom, AxisLeft } from "./axes";
import { Legend } from "./legend";
import { useWidth } from "./use-width";
import { Term } from "../term";

const margin = { top: 16, right: 20, bottom: 48, left: 72 };
const pct = format(".0%");
const count = format(",");

/**
 * Reliability diagram: for each score bin, the mean score against the share that is actually
 * positive (on the diagonal = the scores are honest probabilities); dot area ∝ examples in the bin.
 */
export function ReliabilityChart({ bins, threshold, brier }: { bins: CalibrationBin[]; threshold: number; brier: number | null }) {
  const [ref, width] = useWidth<HTMLDivElement>(360);
  const size = Math.max(140, Math.min(width - margin.left - margin.right, 360));
  const layer = useMemo(() => {
    const x = scaleLinear().domain([0, 1]).range([0, size]);
    const y = scaleLinear().domain([0, 1]).range([size, 0]);
    const r = scaleSqrt().domain([0, Math.max(1, ...bins.map((b) => b.count))]).range([3, 14]);
    return (
      <>
        <AxisLeft scale={y} width={size} label="actually positive (%)" format={pct} />
        <AxisBottom scale={x} y={size} label="mean score in the bin" format={pct} />
        <line className="reference-line" x1={0} y1={size} x2={size} y2={0} />
        <path d={line<CalibrationBin>((b) => x(b.meanScore), (b) => y(b.positiveShare))(bins) ?? ""} fill="none" stroke="var(--c-fourth)" strokeWidth={2} />
        {bins.map((b) => (
          <circle key={b.lower} cx={x(b.meanScore)} cy={y(b.positiveShare)} r={r(b.count)} fill="var(--c-fourth)" fillOpacity={0.75} stroke="var(--surface)">
            <title>{`scores ${b.lower.toFixed(1)}–${b.upper.toFixed(1)}: ${count(b.count)} examples, mean score ${pct(b.meanScore)}, ${format(".1%")(b.positiveShare)} actually positive`}</title>
          </circle>
        ))}
      </>
    );
  }, [bins, size]);
  const px = (threshold * size).toFixed(1);
  return (
    <figure className="chart" ref={ref} aria-label="Reliability of the scores">
      <Legend items={[{ label: "score bins (dot size: examples)", color: "var(--c-fourth)", line: true }, { label: "perfectly calibrated", color: "var(--ink-3)", dashed: true }, { label: "threshold", color: "var(--c-threshold)", line: true }]} />
      <svg width={size + margin.left + margin.right} height={size + margin.top + margin.bottom} role="img" aria-label={`Reliability diagram with ${bins.length} score bins`}>
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layer}
          <g className="threshold-rule">
            <line x1={px} x2={px} y1={0} y2={size} />
          </g>
        </g>
      </svg>
      <div className="chart-tooltip"><Term word="Brier score" /> {brier === null ? "—" : brier.toFixed(4)} (0 is perfect). Hover a dot for its bin.</div>
    </figure>
  );
}
