"use client";

import { useId, useState } from "react";
import { formatAverage, formatThreshold } from "@/lib/format";
import type { Vocabulary } from "@/lib/story/settings";
import { ThresholdControl } from "@/app/ui/charts/threshold-control";
import type { CompareView } from "./compare-api";

interface Props {
  view: CompareView;
  onView: (view: CompareView) => void;
  thresholdA: number;
  thresholdB: number;
  nameA: string;
  nameB: string;
  vocabulary: Vocabulary;
  /** Items a day: the reviews slider goes up to a fifth of them (or further when the load is higher). */
  volumePerDay: number;
  /** What switching to the same load starts from: the review capacity, else A's flagged a day now. */
  reviewsNow: number;
  /** The team's review capacity a day (A's settings), to offer; null when not set. */
  reviewCapacity: number | null;
  /** Whether the numbers shown are being brought up to date. */
  pending: boolean;
  valueText: string;
}

/** Reviews a day as a slider (arrow keys, Page Up/Down) and a number box. */
function ReviewsControl({ reviews, onChange, max, itemPlural }: { reviews: number; onChange: (r: number) => void; max: number; itemPlural: string }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const step = max > 2000 ? Math.round(max / 1000) : 1;
  return (
    <div className="reviews-control">
      <label htmlFor={`${id}-range`} className="threshold-control-label">Reviews a day</label>
      <input id={`${id}-range`} type="range" min={0} max={max} step={step} value={Math.min(reviews, max)} onChange={(e) => onChange(Number(e.target.value))} aria-valuetext={`${formatAverage(reviews)} ${itemPlural} reviewed a day`} />
      <input
        type="number"
        min={0}
        step="any"
        aria-label="Reviews a day"
        value={draft ?? String(reviews)}
        onChange={(e) => {
          setDraft(e.target.value);
          const r = Number(e.target.value);
          if (e.target.value.trim() !== "" && r >= 0) onChange(r);
        }}
        onBlur={() => setDraft(null)}
      />
    </div>
  );
}

/** Same threshold or same review load, and the control of the one chosen. */
export function CompareControls({ view, onView, thresholdA, thresholdB, nameA, nameB, vocabulary: v, volumePerDay, reviewsNow, reviewCapacity, pending, valueText }: Props) {
  const max = Math.max(10, Math.ceil(volumePerDay / 5), Math.ceil(view.reviews * 1.5));
  const choose = (mode: CompareView["mode"]) => {
    if (mode === view.mode) return;
    onView(mode === "load" ? { ...view, mode, reviews: Math.round(reviewsNow) } : { ...view, mode, threshold: Number(thresholdA.toFixed(4)) });
  };
  return (
    <div className="card compare-controls">
      <fieldset className="compare-mode">
        <legend>Compare the two models at</legend>
        {(
          [
            ["threshold", "the same threshold", "both flag at the same score"],
            ["load", "the same review load", `each flags as many ${v.itemPlural} a day`],
          ] as const
        ).map(([mode, label, hint]) => (
          <label key={mode} className={view.mode === mode ? "mode-option mode-option-on" : "mode-option"}>
            <input type="radio" name="compare-mode" value={mode} checked={view.mode === mode} onChange={() => choose(mode)} />
            <span>
              <strong>{label}</strong> <span className="small muted">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {view.mode === "threshold" ? (
        <ThresholdControl threshold={view.threshold} onChange={(threshold) => onView({ ...view, threshold })} valueText={valueText} />
      ) : (
        <>
          <ReviewsControl reviews={view.reviews} onChange={(reviews) => onView({ ...view, reviews })} max={max} itemPlural={v.itemPlural} />
          {reviewCapacity !== null && reviewCapacity !== view.reviews ? (
            <p className="small">
              Your team reviews {formatAverage(reviewCapacity)} a day (Daily impact settings).{" "}
              <button type="button" className="link-button" onClick={() => onView({ ...view, reviews: reviewCapacity })}>Use {formatAverage(reviewCapacity)}</button>
            </p>
          ) : null}
        </>
      )}
      <p className="compare-thresholds small" aria-live="polite" aria-busy={pending}>
        {view.mode === "threshold" ? (
          <>Both flag when the score is at least <strong className="num" data-testid="threshold-a">{formatThreshold(thresholdA)}</strong>.</>
        ) : (
          <>
            Each at its own threshold: {nameA} flags from <strong className="num" data-testid="threshold-a">{formatThreshold(thresholdA)}</strong>, {nameB} from{" "}
            <strong className="num" data-testid="threshold-b">{formatThreshold(thresholdB)}</strong>.
          </>
        )}
        {pending ? <span className="muted"> Updating…</span> : null}
      </p>
    </div>
  );
}
