import { format, max, scaleLinear, scaleSymlog } from "d3";
import type { HistogramBin } from "@/lib/metrics/grid-series";
import { AxisBottom } from "./axes";
import { Legend } from "./legend";

const margin = { top: 28, right: 16, bottom: 48, left: 56 };
const PANEL = 90;
const GAP = 26;

/**
 * A printable, non-interactive score histogram (server-rendered SVG of a fixed width): positives
 * above, negatives below, each on its own count scale, the threshold as a line; bars at or right
 * of it are flagged (solid), the others pale.
 */
export function StaticDistribution({ bins, threshold, positiveName, negativeName, width = 680 }: { bins: HistogramBin[]; threshold: number; positiveName: string; negativeName: string; width?: number }) {
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = 2 * PANEL + GAP;
  const x = scaleLinear().domain([0, 1]).range([0, innerWidth]);
  const panels = [
    { key: "positives" as const, name: positiveName, color: "var(--c-positive)", top: 0 },
    { key: "negatives" as const, name: negativeName, color: "var(--c-negative)", top: PANEL + GAP },
  ];
  const countFormat = format(",~s");
  return (
    <figure className="chart static-distribution" aria-label={`Score distribution of ${positiveName} and ${negativeName} examples`}>
      <Legend
        items={[
          { label: `actually ${positiveName}`, color: "var(--c-positive)" },
          { label: `actually ${negativeName}`, color: "var(--c-negative)" },
          { label: `threshold ${threshold} (solid bars are flagged)`, color: "var(--c-threshold)", line: true },
        ]}
      />
      <svg width={width} height={innerHeight + margin.top + margin.bottom} viewBox={`0 0 ${width} ${innerHeight + margin.top + margin.bottom}`} role="img" aria-label="Histograms of scores by class with the threshold line">
        <g transform={`translate(${margin.left},${margin.top})`}>
          {panels.map((panel) => {
            // Log counts: a few hundred false alarms must stay visible next to thousands of clear negatives.
            const top = Math.max(1, max(bins, (b) => b[panel.key]) ?? 0);
            const y = scaleSymlog().constant(1).domain([0, top]).range([PANEL, 0]);
            const ticks = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000].filter((v) => v <= top);
            return (
              <g key={panel.key} transform={`translate(0,${panel.top})`}>
                {ticks.map((v) => (
                  <g key={v} transform={`translate(0,${y(v)})`}>
                    <line className="grid-line" x2={innerWidth} />
                    <text x={-8} dy="0.32em" textAnchor="end">{countFormat(v)}</text>
                  </g>
                ))}
                <text className="panel-label" x={4} y={-6}>{`${panel.name} (count, log scale)`}</text>
                {bins.map((b) => {
                  const h = PANEL - y(b[panel.key]);
                  return (
                    <rect key={b.lower} x={x(b.lower) + 0.5} y={PANEL - h} width={Math.max(0, x(b.upper) - x(b.lower) - 1)} height={h} fill={panel.color} opacity={b.lower >= threshold ? 1 : 0.4} />
                  );
                })}
                <line className="domain" x2={innerWidth} y1={PANEL} y2={PANEL} />
              </g>
            );
          })}
          <text className="axis-label" transform={`translate(-42,${innerHeight / 2}) rotate(-90)`} textAnchor="middle">examples per bin</text>
          <AxisBottom scale={x} y={innerHeight} label="model score (flagged when score ≥ threshold)" ticks={10} />
          <line x1={x(threshold)} x2={x(threshold)} y1={-8} y2={innerHeight} stroke="var(--c-threshold)" strokeWidth={2.5} />
        </g>
      </svg>
    </figure>
  );
}
