"use client";

import { format, line, scaleLinear } from "d3";
import { useMemo, useState } from "react";
import type { GridCurvePoint } from "@/lib/metrics";
import { AxisBottom, AxisLeft } from "./axes";
import { Legend } from "./legend";
import type { ThresholdMarker } from "./types";
import { useWidth } from "./use-width";

interface Props {
  title: string;
  /** Every reachable operating point (for clicks and tooltips). */
  points: GridCurvePoint[];
  /** The same curve downsampled for drawing. */
  drawn: GridCurvePoint[];
  xLabel: string;
  yLabel: string;
  color: string;
  /** The operating point at the current threshold, or null when it has none (e.g. nothing flagged on a PR curve). */
  current: { x: number; y: number } | null;
  threshold: number;
  onThresholdChange: (t: number) => void;
  /** Markers with their operating points and their number (as on the threshold charts' legends). */
  markers?: (ThresholdMarker & { x: number; y: number; number: number })[];
  /** A reference line: the chance diagonal (ROC) or a horizontal baseline (PR: the positive share). */
  reference: { kind: "diagonal"; label: string } | { kind: "horizontal"; y: number; label: string };
  describe: (p: GridCurvePoint) => string;
}

const margin = { top: 16, right: 20, bottom: 48, left: 72 };
const pct = format(".0%");

function nearest(points: GridCurvePoint[], px: number, py: number, sx: (v: number) => number, sy: (v: number) => number): GridCurvePoint | null {
  let best: GridCurvePoint | null = null;
  let bestDistance = Infinity;
  for (const p of points) {
    const d = (sx(p.x) - px) ** 2 + (sy(p.y) - py) ** 2;
    if (d < bestDistance) [best, bestDistance] = [p, d];
  }
  return best;
}

/**
 * Markers whose points fall within 14 px of each other share one diamond; each diamond is labelled
 * with its markers' numbers only ("1, 2"), so labels stay short and never run into each other; the
 * legend below says what each number is.
 */
function groupMarkers(markers: (ThresholdMarker & { x: number; y: number; number: number })[], x: (v: number) => number, y: (v: number) => number) {
  const groups: { key: string; px: number; py: number; labels: string[]; numbers: number[] }[] = [];
  for (const m of markers) {
    const [px, py] = [x(m.x), y(m.y)];
    const near = groups.find((g) => Math.hypot(g.px - px, g.py - py) < 14);
    if (near) {
      near.labels.push(m.label);
      near.numbers.push(m.number);
    } else groups.push({ key: `${m.label}-${m.threshold}`, px, py, labels: [m.label], numbers: [m.number] });
  }
  return groups;
}

/** A ROC or PR curve with the current operating point; clicking the plot picks the nearest point's threshold. */
export function CurveChart({ title, points, drawn, xLabel, yLabel, color, current, threshold, onThresholdChange, markers, reference, describe }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>(360);
  const [hover, setHover] = useState<GridCurvePoint | null>(null);
  const size = Math.max(140, Math.min(width - margin.left - margin.right, 360));
  const x = scaleLinear().domain([0, 1]).range([0, size]);
  const y = scaleLinear().domain([0, 1]).range([size, 0]);
  // Axes, reference line and curve do not move with the threshold: built once per size and data.
  const referenceY = reference.kind === "horizontal" ? reference.y : null;
  const layer = useMemo(() => {
    const sx = scaleLinear().domain([0, 1]).range([0, size]);
    const sy = scaleLinear().domain([0, 1]).range([size, 0]);
    const path = line<GridCurvePoint>((p) => sx(p.x), (p) => sy(p.y))(drawn) ?? "";
    return (
      <>
        <AxisLeft scale={sy} width={size} label={yLabel} format={pct} />
        <AxisBottom scale={sx} y={size} label={xLabel} format={pct} />
        {referenceY === null ? (
          <line className="reference-line" x1={0} y1={size} x2={size} y2={0} />
        ) : (
          <line className="reference-line" x1={0} x2={size} y1={sy(referenceY)} y2={sy(referenceY)} />
        )}
        <path d={path} fill="none" stroke={color} strokeWidth={2.5} />
      </>
    );
  }, [drawn, size, xLabel, yLabel, color, referenceY]);
  const pointAt = (e: React.MouseEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return nearest(points, e.clientX - box.left, e.clientY - box.top, x, y);
  };
  return (
    <figure className="chart" ref={ref} aria-label={title}>
      <Legend items={[{ label: title, color, line: true }, { label: reference.label, color: "var(--ink-3)", dashed: true }, { label: `at threshold ${threshold}`, color: "var(--c-threshold)" }]} />
      {markers?.length ? (
        <ol className="marker-legend marker-legend-static" aria-label="Numbered thresholds on this curve">
          {markers.map((m) => (
            <li key={m.number}><span className="marker-badge" aria-hidden="true">{m.number}</span> {m.label} ({m.threshold})</li>
          ))}
        </ol>
      ) : null}
      <svg width={size + margin.left + margin.right} height={size + margin.top + margin.bottom} role="img" aria-label={`${title}; current point ${current ? describe({ ...current, threshold }) : "none"}`}>
        <g transform={`translate(${margin.left},${margin.top})`}>
          {layer}
          {groupMarkers(markers ?? [], x, y).map((g) => (
            <g key={g.key} className="curve-marker" transform={`translate(${g.px},${g.py})`}>
              <title>{g.labels.join(", ")}</title>
              <path d="M0,-7 L7,0 L0,7 L-7,0 Z" />
              <text x={g.px > size - 40 ? -10 : 10} textAnchor={g.px > size - 40 ? "end" : "start"} dy={g.py < 14 ? "1.1em" : "-0.4em"}>{g.numbers.join(", ")}</text>
            </g>
          ))}
          {current ? <circle className="operating-point" cx={x(current.x)} cy={y(current.y)} r={7} /> : null}
          {hover ? <circle cx={x(hover.x)} cy={y(hover.y)} r={5} fill="none" stroke="var(--ink)" strokeWidth={1.5} /> : null}
          <rect
            width={size}
            height={size}
            fill="transparent"
            className="click-surface"
            data-testid={`${title.toLowerCase().split(" ")[0]}-click-surface`}
            onMouseMove={(e) => setHover(pointAt(e))}
            onMouseLeave={() => setHover(null)}
            onClick={(e) => {
              const p = pointAt(e);
              if (p) onThresholdChange(p.threshold);
            }}
          />
        </g>
      </svg>
      <div className="chart-tooltip" role="status">{hover ? `${describe(hover)} — click to use threshold ${hover.threshold}` : current ? `Now: ${describe({ ...current, threshold })}` : "Nothing flagged at this threshold."}</div>
    </figure>
  );
}
