"use client";

import { drag, select, type ScaleLinear } from "d3";
import { useEffect, useRef } from "react";
import type { ThresholdMarker } from "./types";

/** The current threshold as a vertical line over a plot `height` tall, labelled at the top. */
export function ThresholdRule({ x, threshold, height }: { x: ScaleLinear<number, number>; threshold: number; height: number }) {
  const px = x(threshold);
  const [, right] = x.range();
  const anchor = px > right - 60 ? "end" : "start";
  return (
    <g className="threshold-rule" aria-hidden="true">
      <line x1={px} x2={px} y1={-6} y2={height} />
      <rect x={px - 4} y={height / 2 - 14} width={8} height={28} rx={3} className="threshold-grip" />
      <text x={px + (anchor === "end" ? -6 : 6)} y={-10} textAnchor={anchor}>
        threshold {threshold.toFixed(threshold * 100 === Math.round(threshold * 100) ? 2 : 4)}
      </text>
    </g>
  );
}

/**
 * A text row for each marker label so that labels never overlap: in order of position, each takes
 * the first row whose previous label ends before it starts (widths estimated from 12px text).
 */
function labelRows(pxs: number[], labels: string[], right: number): number[] {
  const spans = pxs.map((px, i) => {
    const width = labels[i].length * 6.6 + 8;
    return px > right - 80 ? [px - width, px] : [px, px + width];
  });
  const rowEnds: number[] = [];
  const rows = new Array<number>(pxs.length);
  for (const i of pxs.map((_, k) => k).sort((a, b) => spans[a][0] - spans[b][0])) {
    let row = rowEnds.findIndex((end) => end < spans[i][0]);
    if (row < 0) row = rowEnds.push(0) - 1;
    rowEnds[row] = spans[i][1];
    rows[i] = row;
  }
  return rows;
}

/**
 * Labelled ticks under the top edge for `markers` (e.g. recommended thresholds); clicking one, or
 * pressing Enter on it, makes it the current threshold.
 */
export function MarkerTicks({ x, markers, height, onPick }: { x: ScaleLinear<number, number>; markers?: ThresholdMarker[]; height: number; onPick: (t: number) => void }) {
  if (!markers?.length) return null;
  const rows = labelRows(markers.map((m) => x(m.threshold)), markers.map((m) => m.label), x.range()[1]);
  return (
    <g className="marker-ticks">
      {markers.map((m, i) => {
        const px = x(m.threshold);
        const pick = () => onPick(m.threshold);
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
            <title>{`${m.label}: threshold ${m.threshold}`}</title>
            <line y1={0} y2={height} />
            <path d="M-6,0 L6,0 L0,9 Z" />
            <text y={20 + rows[i] * 14} textAnchor={px > x.range()[1] - 80 ? "end" : "start"} dx={px > x.range()[1] - 80 ? -4 : 4}>{m.label}</text>
          </g>
        );
      })}
    </g>
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
export function ThresholdDragSurface(props: {
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
