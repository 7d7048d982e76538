"use client";

import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { typedThresholdProblem } from "@/lib/story/share";

/** The step for a key press: arrows 0.01, with Shift (or Page Up/Down) 0.1, Home/End to the ends. */
export function keyStep(event: Pick<KeyboardEvent, "key" | "shiftKey">, value: number): number | null {
  const step = event.shiftKey ? 0.1 : 0.01;
  switch (event.key) {
    case "ArrowRight":
    case "ArrowUp":
      return value + step;
    case "ArrowLeft":
    case "ArrowDown":
      return value - step;
    case "PageUp":
      return value + 0.1;
    case "PageDown":
      return value - 0.1;
    case "Home":
      return 0;
    case "End":
      return 1;
    default:
      return null;
  }
}

const clamp = (t: number) => Math.min(1, Math.max(0, Math.round(t * 10_000) / 10_000));

/**
 * The threshold as an accessible slider (role="slider", arrow keys ±0.01, Shift ±0.1) and a number
 * box, both bound to the same value.
 */
export function ThresholdControl({ threshold, onChange, valueText }: { threshold: number; onChange: (t: number) => void; valueText: string }) {
  const track = useRef<HTMLDivElement | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const onKey = (event: KeyboardEvent) => {
    const next = keyStep(event, threshold);
    if (next === null) return;
    event.preventDefault();
    setDraft(null);
    onChange(clamp(next));
  };
  const fromPointer = (event: PointerEvent) => {
    const box = track.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    onChange(clamp((event.clientX - box.left) / box.width));
  };
  const problem = draft === null ? null : typedThresholdProblem(draft, threshold);
  const problemId = useId();
  return (
    <div className="threshold-control">
      <span className="threshold-control-label" id="threshold-label">Threshold</span>
      <div
        ref={track}
        className="slider"
        role="slider"
        tabIndex={0}
        aria-labelledby="threshold-label"
        aria-valuemin={0}
        aria-valuemax={1}
        aria-valuenow={threshold}
        aria-valuetext={valueText}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          e.currentTarget.focus();
          fromPointer(e);
        }}
        onPointerMove={(e) => e.currentTarget.hasPointerCapture(e.pointerId) && fromPointer(e)}
      >
        <div className="slider-fill" style={{ left: `${threshold * 100}%` }} />
        <div className="slider-thumb" style={{ left: `${threshold * 100}%` }} />
      </div>
      <label className="threshold-number">
        <span className="visually-hidden">Threshold value</span>
        <input
          type="number"
          inputMode="decimal"
          min={0}
          max={1}
          step={0.01}
          aria-label="Threshold value"
          aria-invalid={problem !== null}
          aria-describedby={problem ? problemId : undefined}
          value={draft ?? String(threshold)}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            const t = Number(text);
            if (text.trim() !== "" && Number.isFinite(t) && t >= 0 && t <= 1) onChange(clamp(t));
          }}
          onBlur={() => setDraft(null)}
          onKeyDown={(e) => {
            if (e.key === "Enter") setDraft(null);
            else if (e.key === "ArrowUp" || e.key === "ArrowDown") onKey(e);
          }}
        />
      </label>
      {problem ? (
        <p className="threshold-problem" id={problemId} role="alert">{problem}</p>
      ) : null}
    </div>
  );
}
