"use client";

import { useEffect, useState } from "react";
import { formatCount, readableColumn, readableValue } from "@/lib/format";
import { formatWindow } from "@/lib/monitoring/sentences";
import { typedThresholdProblem } from "@/lib/story/share";
import { useThreshold } from "../threshold-context";
import { galleryParams, KIND_LABELS, type ExampleKind, type GalleryQuery } from "./gallery-api";

interface Props {
  datasetId: number;
  query: GalleryQuery;
  /** Examples matching the query, when loaded. */
  total: number | null;
  /** The examples could not be loaded (the count line then says so instead of showing a number). */
  failed: boolean;
  /** False alarms and misses matching the filters at the threshold, when loaded. */
  counts: { fp: number; fn: number } | null;
  reviewer: string;
  onReviewer: (name: string) => void;
  onKind: (kind: ExampleKind) => void;
  onSearch: (q: string) => void;
  onClearSlice: (column: string) => void;
  onClearWindow: () => void;
  onMeeting: () => void;
}

/** The gallery's controls: outcome, threshold, search, active slice filters, reviewer, export, meeting mode. */
export function GalleryToolbar({ datasetId, query, total, failed, counts, reviewer, onReviewer, onKind, onSearch, onClearSlice, onClearWindow, onMeeting }: Props) {
  const { threshold, setThreshold } = useThreshold();
  const [draft, setDraft] = useState(query.q);
  const [thresholdDraft, setThresholdDraft] = useState(String(threshold));
  const thresholdProblem = typedThresholdProblem(thresholdDraft, threshold);
  useEffect(() => {
    if (draft === query.q) return;
    const timer = setTimeout(() => onSearch(draft), 300);
    return () => clearTimeout(timer);
  }, [draft, query.q, onSearch]);
  const kindButton = (kind: ExampleKind, count?: number) => (
    <button key={kind} type="button" className="segment" aria-pressed={query.kind === kind} onClick={() => onKind(kind)}>
      {KIND_LABELS[kind].many}
      {count !== undefined ? <span className="segment-count">{formatCount(count)}</span> : null}
    </button>
  );
  const csv = `/api/datasets/${datasetId}/examples?${galleryParams(query, { format: "csv" })}`;
  return (
    <div className="card gallery-toolbar">
      <div className="toolbar-row">
        <div className="segments" role="group" aria-label="Which mistakes">
          {kindButton("fp", counts?.fp)}
          {kindButton("fn", counts?.fn)}
        </div>
        <div className="segments segments-quiet" role="group" aria-label="Correct examples">
          {kindButton("tp")}
          {kindButton("tn")}
        </div>
        <label className="inline-field">
          Threshold
          <input
            type="number"
            min={0}
            max={1}
            step={0.01}
            value={thresholdDraft}
            onChange={(e) => {
              setThresholdDraft(e.target.value);
              const t = Number(e.target.value);
              if (e.target.value.trim() !== "" && Number.isFinite(t) && t >= 0 && t <= 1) setThreshold(t);
            }}
            aria-invalid={thresholdProblem !== null}
            style={{ width: "6.5rem" }}
          />
        </label>
        {thresholdProblem ? <span className="threshold-problem" role="alert">{thresholdProblem}</span> : null}
        <label className="inline-field grow">
          Search
          <input type="search" placeholder="text, id or any column value" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={200} />
        </label>
      </div>
      <div className="toolbar-row">
        <span className="small muted" aria-live="polite">
          {failed && total === null ? "Not loaded" : total === null ? "Loading…" : `${formatCount(total)} ${KIND_LABELS[query.kind].many.toLowerCase()} at threshold ${threshold}`}
        </span>
        {Object.entries(query.slices).map(([column, value]) => (
          <button key={column} type="button" className="filter-chip" onClick={() => onClearSlice(column)} aria-label={`Remove filter ${readableColumn(column)}: ${value ? readableValue(value) : "(empty)"}`}>
            {readableColumn(column)}: {value ? readableValue(value) : "(empty)"} ✕
          </button>
        ))}
        {query.window ? (
          <button type="button" className="filter-chip" onClick={onClearWindow} aria-label={`Remove filter time: ${formatWindow(query.window.from, query.window.to)}`}>
            Time: {formatWindow(query.window.from, query.window.to)} ✕
          </button>
        ) : null}
        <span className="grow" />
        <label className="inline-field">
          Reviewer
          <input value={reviewer} onChange={(e) => onReviewer(e.target.value)} placeholder="your name" maxLength={80} style={{ width: "9rem" }} />
        </label>
        <a className="button" href={csv} download>
          Export CSV
        </a>
        <button type="button" className="button button-primary" onClick={onMeeting}>
          Meeting mode
        </button>
      </div>
    </div>
  );
}
