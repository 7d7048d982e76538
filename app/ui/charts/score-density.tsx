import { memo } from "react";
import { scaleLinear } from "d3";
import type { DensityGrid } from "@/lib/compare/pictures";
import { formatCount } from "@/lib/format";
import { AxisBottom, AxisLeft } from "./axes";
import { Legend } from "./legend";

const margin = { top: 12, right: 16, bottom: 52, left: 62 };

interface Props {
  density: DensityGrid;
  positiveName: string;
  negativeName: string;
  /** Which examples to count: positives, negatives, or both. */
  show: "positives" | "negatives" | "both";
  thresholdA: number;
  thresholdB: number;
  nameA: string;
  nameB: string;
  /** Side of the square plot in pixels. */
  size: number;
}

/** Cells of the grid with a count, shaded by log count (a million points stay readable). */
const Cells = memo(function Cells({ density, show, side, bins }: { density: DensityGrid; show: Props["show"]; side: number; bins: number }) {
  const counts = density.positives.map((p, i) => (show === "negatives" ? 0 : p) + (show === "positives" ? 0 : density.negatives[i]));
  const top = Math.max(1, ...counts);
  const cell = side / bins;
  const color = show === "positives" ? "var(--c-positive)" : show === "negatives" ? "var(--c-negative)" : "var(--c-fourth)";
  return (
    <g>
      {counts.map((count, i) => {
        if (count === 0) return null;
        const x = i % bins;
        const y = Math.floor(i / bins);
        // log(1 + count) / log(1 + top): one example is faint but visible, the densest cell solid.
        const opacity = 0.12 + 0.88 * (Math.log1p(count) / Math.log1p(top));
        return <rect key={i} x={x * cell} y={side - (y + 1) * cell} width={cell + 0.3} height={cell + 0.3} fill={color} opacity={opacity} />;
      })}
    </g>
  );
});

/**
 * B's score against A's score for every matched example, as a 100 × 100 density grid (the
 * browser draws at most 10,000 cells whatever the row count), with each model's threshold: the
 * examples between the lines are the ones the models decide differently.
 */
export function ScoreDensity({ density, show, thresholdA, thresholdB, nameA, nameB, size, positiveName, negativeName }: Props) {
  const side = Math.max(160, size - margin.left - margin.right);
  const x = scaleLinear().domain([0, 1]).range([0, side]);
  const y = scaleLinear().domain([0, 1]).range([side, 0]);
  const total = density.positives.reduce((s, c) => s + c, 0) + density.negatives.reduce((s, c) => s + c, 0);
  return (
    <figure className="chart score-density" aria-label={`Score of ${nameB} against score of ${nameA}`}>
      <Legend
        items={[
          { label: `${show === "both" ? "all examples" : `actually ${show === "positives" ? positiveName : negativeName}`} (darker: more)`, color: show === "positives" ? "var(--c-positive)" : show === "negatives" ? "var(--c-negative)" : "var(--c-fourth)" },
          { label: "thresholds", color: "var(--c-threshold)", line: true },
          { label: "equal scores", color: "var(--ink-3)", dashed: true },
        ]}
      />
      <svg width={side + margin.left + margin.right} height={side + margin.top + margin.bottom} viewBox={`0 0 ${side + margin.left + margin.right} ${side + margin.top + margin.bottom}`} role="img" aria-label={`Density of ${formatCount(total)} examples; threshold of ${nameA} ${thresholdA}, of ${nameB} ${thresholdB}`}>
        <g transform={`translate(${margin.left},${margin.top})`}>
          <AxisLeft scale={y} width={side} label={`score of ${nameB}`} ticks={5} />
          <Cells density={density} show={show} side={side} bins={density.bins} />
          <line className="reference-line" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} />
          <line x1={x(thresholdA)} x2={x(thresholdA)} y1={0} y2={side} stroke="var(--c-threshold)" strokeWidth={2} />
          <line x1={0} x2={side} y1={y(thresholdB)} y2={y(thresholdB)} stroke="var(--c-threshold)" strokeWidth={2} />
          <text x={Math.min(side - 4, x(thresholdA) + 4)} y={12} textAnchor={x(thresholdA) > side - 90 ? "end" : "start"} className="panel-label">{`${nameA} flags →`}</text>
          <text x={side - 4} y={Math.max(14, y(thresholdB) - 6)} textAnchor="end" className="panel-label">{`${nameB} flags ↑`}</text>
          <AxisBottom scale={x} y={side} label={`score of ${nameA}`} ticks={5} />
        </g>
      </svg>
    </figure>
  );
}
