"use client";

import { area, line, max, min, scaleLinear, scaleUtc, utcFormat, type ScaleTime } from "d3";
import { useMemo, useState, type KeyboardEvent } from "react";
import { AxisLeft } from "./axes";
import { Legend, type LegendItem } from "./legend";
import { useWidth } from "./use-width";

/** One series over the periods: a value per period (null = unknown), with an optional 95% range. */
export interface TimeSeries {
  key: string;
  label: string;
  color: string;
  values: (number | null)[];
  ranges?: ([number, number] | null)[];
  /** Dashed line (a second threshold, a second statistic). */
  dash?: string;
  /** Bars instead of a line (volume). */
  bars?: boolean;
  /** Thin line without markers (what the threshold in production gives, behind the replay). */
  thin?: boolean;
}

/** A horizontal rule (an alert limit, the drift rule's smallest KS). */
export interface LevelLine {
  value: number;
  label: string;
}

export interface TimeChartProps {
  title: string;
  /** Axis label with its unit, e.g. "transactions a day". */
  yLabel: string;
  /** The time axis's title, e.g. "day (UTC)". */
  xLabel?: string;
  yFormat: (v: number) => string;
  /** Period starts (epoch ms) and their length. */
  starts: number[];
  periodMs: number;
  series: TimeSeries[];
  /** Periods marked as drifted (shaded). */
  drift?: boolean[];
  /** The reference window, shaded and labelled (a window of the dataset's own days). */
  referenceWindow?: { from: number; to: number } | null;
  levels?: LevelLine[];
  /** Lowest top of the y axis (e.g. 1 for shares that should be read on 0–100%). */
  yMaxAtLeast?: number;
  selected: number;
  onSelect: (index: number) => void;
  /** What a period's values say in words (for the status line and screen readers). */
  describe: (index: number) => string;
  height?: number;
}

const margin = { top: 12, right: 14, bottom: 48, left: 80 };
const dayFormat = utcFormat("%-d %b");

/** The time axis under a plot: UTC day ticks ("15 Oct") and its title. */
function TimeAxis({ x, y, ticks, label }: { x: ScaleTime<number, number>; y: number; ticks: number; label: string }) {
  const [x0, x1] = x.range();
  return (
    <g transform={`translate(0,${y})`} aria-hidden="true">
      <line className="domain" x1={x0} x2={x1} />
      {x.ticks(ticks).map((d) => (
        <g key={d.getTime()} transform={`translate(${x(d)},0)`}>
          <line className="tick-line" y2={5} />
          <text y={18} textAnchor="middle">{dayFormat(d)}</text>
        </g>
      ))}
      <text className="axis-label" x={(x0 + x1) / 2} y={38} textAnchor="middle">{label}</text>
    </g>
  );
}

/**
 * A chart of figures over time, one point (or bar) per period: labelled axes with units, 95%
 * ranges as bands, drifted periods shaded, the reference window marked, the selected period
 * ringed. Keyboard: ←/→ (Home/End) move the selected period, which every chart of the page shares.
 */
export function TimeChart(p: TimeChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const height = p.height ?? 200;
  const innerWidth = Math.max(160, width - margin.left - margin.right);
  const n = p.starts.length;
  const x = useMemo(() => scaleUtc().domain([p.starts[0] ?? 0, (p.starts[n - 1] ?? 0) + p.periodMs]).range([0, innerWidth]), [p.starts, n, p.periodMs, innerWidth]);
  const mid = (i: number) => x(p.starts[i] + p.periodMs / 2);
  const y = useMemo(() => {
    const tops = p.series.flatMap((s) => [max(s.values, (v) => v ?? 0) ?? 0, ...(s.ranges ? [max(s.ranges, (r) => r?.[1] ?? 0) ?? 0] : [])]);
    const lows = p.series.map((s) => min(s.values, (v) => v ?? 0) ?? 0);
    const top = Math.max(p.yMaxAtLeast ?? 0, ...tops, ...(p.levels ?? []).map((l) => l.value * 1.1));
    const low = Math.min(0, ...lows);
    return scaleLinear().domain([low, top > low ? top : low + 1]).nice().range([height, 0]);
  }, [p.series, p.levels, p.yMaxAtLeast, height]);
  const band = Math.max(1, x(p.starts[0] + p.periodMs) - x(p.starts[0]));
  const ticks = innerWidth < 360 ? 3 : innerWidth < 640 ? 5 : 8;

  const drawn = useMemo(
    () => (
      <>
        <AxisLeft scale={y} width={innerWidth} label={p.yLabel} format={p.yFormat} />
        <TimeAxis x={x} y={height} ticks={ticks} label={p.xLabel ?? "day (UTC)"} />
        {p.series.map((s) => {
          if (s.bars) {
            return (
              <g key={s.key} fill={s.color}>
                {s.values.map((v, i) => (v === null ? null : <rect key={i} x={x(p.starts[i]) + band * 0.1} width={band * 0.8} y={y(Math.max(0, v))} height={Math.abs(y(0) - y(v))} />))}
              </g>
            );
          }
          const defined = (i: number) => s.values[i] !== null && Number.isFinite(s.values[i] as number);
          const path = line<number>((i) => mid(i), (i) => y(s.values[i] as number)).defined(defined)(s.values.map((_, i) => i)) ?? "";
          const rangePath = s.ranges
            ? area<number>((i) => mid(i), (i) => y((s.ranges as ([number, number] | null)[])[i]![0]), (i) => y((s.ranges as ([number, number] | null)[])[i]![1])).defined((i) => !!s.ranges![i])(s.values.map((_, i) => i)) ?? ""
            : null;
          return (
            <g key={s.key}>
              {rangePath ? <path d={rangePath} fill={s.color} opacity={0.16} /> : null}
              <path d={path} fill="none" stroke={s.color} strokeWidth={s.thin ? 1.5 : 2.5} strokeDasharray={s.dash} />
              {s.thin || n > 45 ? null : s.values.map((v, i) => (defined(i) ? <circle key={i} cx={mid(i)} cy={y(v as number)} r={2.5} fill={s.color} /> : null))}
            </g>
          );
        })}
      </>
    ),
    // mid and band follow x
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [p.series, x, y, innerWidth, height, p.yLabel, p.xLabel, p.yFormat, ticks, n],
  );

  const pick = (px: number) => {
    const t = x.invert(px).getTime();
    return Math.min(n - 1, Math.max(0, Math.floor((t - p.starts[0]) / p.periodMs)));
  };
  const onKey = (e: KeyboardEvent) => {
    const next = e.key === "ArrowRight" ? p.selected + 1 : e.key === "ArrowLeft" ? p.selected - 1 : e.key === "Home" ? 0 : e.key === "End" ? n - 1 : null;
    if (next === null) return;
    e.preventDefault();
    p.onSelect(Math.min(n - 1, Math.max(0, next)));
  };
  const legend: LegendItem[] = p.series.map((s) => ({ label: s.label, color: s.color, line: !s.bars, dashed: !!s.dash }));
  for (const l of p.levels ?? []) legend.push({ label: l.label, color: "var(--danger)", dashed: true });
  if (p.drift?.some(Boolean)) legend.push({ label: "scores drifted", color: "var(--drift-band)" });
  if (p.referenceWindow && p.referenceWindow.to > (p.starts[0] ?? 0)) legend.push({ label: "reference days", color: "var(--reference-band)" });
  const shown = hover ?? p.selected;
  const rw = p.referenceWindow;
  return (
    <figure className="chart time-chart" ref={ref}>
      <figcaption className="time-chart-title">{p.title}</figcaption>
      <Legend items={legend} />
      <div
        className="time-chart-plot"
        tabIndex={0}
        role="group"
        aria-label={`${p.title}: ${n} periods. Left and right arrows move the selected period.`}
        onKeyDown={onKey}
      >
        <svg width={width} height={height + margin.top + margin.bottom} aria-hidden="true">
          <g transform={`translate(${margin.left},${margin.top})`}>
            {p.drift?.map((d, i) => (d ? <rect key={i} className="drift-band" x={x(p.starts[i])} width={band} y={0} height={height} /> : null))}
            {rw && rw.to > (p.starts[0] ?? 0) ? (
              <rect className="reference-band" x={x(Math.max(rw.from, p.starts[0]))} width={Math.max(0, x(Math.min(rw.to, p.starts[n - 1] + p.periodMs)) - x(Math.max(rw.from, p.starts[0])))} y={height + 1} height={5} />
            ) : null}
            {drawn}
            {(p.levels ?? []).map((l) => (
              <line key={l.label} className="level-line" x1={0} x2={innerWidth} y1={y(l.value)} y2={y(l.value)} />
            ))}
            {n ? <rect className="selected-band" x={x(p.starts[p.selected])} width={band} y={0} height={height} /> : null}
            <rect
              className="click-surface"
              width={innerWidth}
              height={height}
              fill="transparent"
              onPointerMove={(e) => setHover(pick(e.clientX - e.currentTarget.getBoundingClientRect().left))}
              onPointerLeave={() => setHover(null)}
              onClick={(e) => p.onSelect(pick(e.clientX - e.currentTarget.getBoundingClientRect().left))}
            />
          </g>
        </svg>
      </div>
      <div className="chart-tooltip" role="status">{n ? p.describe(shown) : "No periods."}</div>
    </figure>
  );
}
