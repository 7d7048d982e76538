import type { ScaleContinuousNumeric } from "d3";

type Scale = ScaleContinuousNumeric<number, number>;

/** Bottom axis drawn by React from a d3 scale: ticks, tick labels and the axis title. */
export function AxisBottom({ scale, y, label, ticks = 5, format }: { scale: Scale; y: number; label: string; ticks?: number; format?: (v: number) => string }) {
  const [x0, x1] = scale.range();
  const fmt = format ?? scale.tickFormat(ticks);
  return (
    <g transform={`translate(0,${y})`} aria-hidden="true">
      <line className="domain" x1={x0} x2={x1} />
      {scale.ticks(ticks).map((v) => (
        <g key={v} transform={`translate(${scale(v)},0)`}>
          <line className="tick-line" y2={5} />
          <text y={18} textAnchor="middle">{fmt(v)}</text>
        </g>
      ))}
      <text className="axis-label" x={(x0 + x1) / 2} y={38} textAnchor="middle">{label}</text>
    </g>
  );
}

/** Left axis with light grid lines across the plot (`width` wide). */
export function AxisLeft({ scale, width, label, ticks = 4, format }: { scale: Scale; width: number; label: string; ticks?: number; format?: (v: number) => string }) {
  const [y0, y1] = scale.range();
  const fmt = format ?? scale.tickFormat(ticks);
  const values = scale.ticks(ticks);
  return (
    <g aria-hidden="true">
      {values.map((v) => (
        <g key={v} transform={`translate(0,${scale(v)})`}>
          <line className="grid-line" x2={width} />
          <text x={-8} dy="0.32em" textAnchor="end">{fmt(v)}</text>
        </g>
      ))}
      <text className="axis-label" transform={`translate(-52,${(y0 + y1) / 2}) rotate(-90)`} textAnchor="middle">{label}</text>
    </g>
  );
}
