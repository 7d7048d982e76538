"use client";

import { drag, select, type ScaleLinear } from "d3";
import { useEffect, useRef } from "react";
import type { ThresholdMarker } from "./types";

/**
 * The current threshold as a vertical line over a plot `height` tall, labelled above it at
 * `labelY` (charts with text in their top margin put the label on a row of its own).
 */
export function ThresholdRule({ x, threshold, height, labelY = -10 }: { x: ScaleLinear<number, number>; threshold: number; height: number; labelY?: number }) {
  const px = x(threshold);
  const [, right] = x.range();
  const anchor = px > right - 60 ? "end" : "start";
  return (
    <g className="threshold-rule" aria-hidden="true">
      <line x1={px} x2={px} y1={labelY + 4} y2={height} />
      <rect x={px - 4} y={height / 2 - 14} width={8} height={28} rx={3} className="threshold-grip" />
      <text x={px + (anchor === "end" ? -6 : 6)} y={labelY} textAnchor={anchor}>
        threshold {threshold.toFixed(threshold * 100 === Math.round(threshold * 100) ? 2 : 4)}
      </text>
    </g>
  );
}

const BADGE = 18;

/** Rows for the markers' number badges so that no two overlap: in order of position, each takes the first free row. */
export function badgeRows(pxs: number[], size = BADGE): number[] {
  const rowEnds: number[] = [];
  const rows = new Array<number>(pxs.length);
  for (const i of pxs.map((_, k) => k).sort((a, b) => pxs[a] - pxs[b])) {
    let row = rowEnds.findIndex((end) => end <= pxs[i] - size / 2);
    if (row < 0) row = rowEnds.push(0) - 1;
    rowEnds[row] = pxs[i] + size / 2;
    rows[i] = row;
  }
  return rows;
}

/**
 * Numbered ticks under the top edge for `markers` (e.g. recommended thresholds): numbers, not
 * words, so that close thresholds never write over each other (badges too close share no row);
 * the MarkerLegend beside the chart says what each number is. Clicking one, or Enter, uses it.
 */
export function MarkerTicks({ x, markers, height, onPick }: { x: ScaleLinear<number, number>; markers?: ThresholdMarker[]; height: number; onPick: (t: number) => void }) {
  if (!markers?.length) return null;
  const rows = badgeRows(markers.map((m) => x(m.threshold)));
  return (
    <g className="marker-ticks">
      {markers.map((m, i) => {
        const px = x(m.threshold);
        const pick = () => onPick(m.threshold);
        const cy = 14 + rows[i] * (BADGE + 2);
        return (
          <g
            key={`${m.label}-${m.threshold}`}
            role="button"
            tabIndex={0}
            aria-label={`Use threshold ${m.threshold} (${m.label})`}
            transform={`translate(${px},0)`}
            onClick={pick}
            onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), pick())}
          >
            <title>{`${i + 1}: ${m.label}, threshold ${m.threshold}`}</title>
            <line y1={0} y2={height} />
            <circle cy={cy} r={BADGE / 2} />
            <text y={cy} dy="0.35em" textAnchor="middle">{i + 1}</text>
          </g>
        );
      })}
    </g>
  );
}

/** What the numbered markers of a chart stand for, as buttons that use the threshold. */
export function MarkerLegend({ markers, onPick }: { markers?: ThresholdMarker[]; onPick: (t: number) => void }) {
  if (!markers?.length) return null;
  return (
    <ol className="marker-legend" aria-label="Numbered thresholds on this chart">
      {markers.map((m, i) => (
        <li key={`${m.label}-${m.threshold}`}>
          <button type="button" className="link-button" onClick={() => onPick(m.threshold)}>
            <span className="marker-badge" aria-hidden="true">{i + 1}</span> {m.label} ({m.threshold})
          </button>
        </li>
      ))}
    </ol>
  );
}

/**
 * Makes an SVG element a drag surface for the threshold along the x scale (d3-drag: mouse, pen and
 * touch). Pressing anywhere on it moves the threshold there; dragging follows the pointer.
 */
function useThresholdDrag(x: ScaleLinear<number, number>, onChange: (t: number) => void) {
  const ref = useRef<SVGRectElement | null>(null);
  const latest = useRef({ x, onChange });
  useEffect(() => {
    latest.current = { x, onChange };
  });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const move = (event: { x: number }) => {
      const { x: scale, onChange: change } = latest.current;
      const t = scale.invert(event.x);
      change(Math.min(1, Math.max(0, t)));
    };
    const behaviour = drag<SVGRectElement, unknown>().container(() => element.parentNode as SVGGElement).on("start", move).on("drag", move);
    select(element).call(behaviour);
    return () => {
      select(element).on(".drag", null);
    };
  }, []);
  return ref;
}

/**
 * The transparent surface over a plot where the threshold is dragged (useThresholdDrag); it also
 * reports the pointer's position in the plot (pixels from its top left) for hover read-outs.
 */
function ThresholdDragSurface(props: {
  x: ScaleLinear<number, number>;
  width: number;
  height: number;
  onThresholdChange: (t: number) => void;
  onPointer: (px: number, py: number) => void;
  onLeave: () => void;
  testId?: string;
}) {
  const ref = useThresholdDrag(props.x, props.onThresholdChange);
  return (
    <rect
      ref={ref}
      className="drag-surface"
      data-testid={props.testId}
      width={props.width}
      height={props.height}
      fill="transparent"
      onMouseMove={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        props.onPointer(e.clientX - box.left, e.clientY - box.top);
      }}
      onMouseLeave={props.onLeave}
    />
  );
}

/**
 * What every threshold chart draws over its plot: the drag surface, the recommended thresholds'
 * numbered ticks and the threshold line, in that order (the line stays on top).
 */
export function ThresholdLayer(props: {
  x: ScaleLinear<number, number>;
  width: number;
  height: number;
  threshold: number;
  onThresholdChange: (t: number) => void;
  markers?: ThresholdMarker[];
  onPointer: (px: number, py: number) => void;
  onLeave: () => void;
  testId?: string;
  labelY?: number;
}) {
  return (
    <>
      <ThresholdDragSurface x={props.x} width={props.width} height={props.height} onThresholdChange={props.onThresholdChange} onPointer={props.onPointer} onLeave={props.onLeave} testId={props.testId} />
      <MarkerTicks x={props.x} markers={props.markers} height={props.height} onPick={props.onThresholdChange} />
      <ThresholdRule x={props.x} threshold={props.threshold} height={props.height} labelY={props.labelY} />
    </>
  );
}
