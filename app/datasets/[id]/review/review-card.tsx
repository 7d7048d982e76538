"use client";

import { capitalize, formatDate, formatDecimal, readableColumn, readableValue } from "@/lib/format";
import type { Vocabulary } from "@/lib/story/settings";
import { FoldedText, ImageThumb } from "../gallery/example-cells";
import type { QueueItem } from "./audit-api";

/** Which of the dataset's columns an item shows. */
export interface ReviewColumns {
  text: boolean;
  image: boolean;
  slices: string[];
  extras: string[];
}

interface Props {
  datasetId: number;
  item: QueueItem | null;
  loaded: boolean;
  remaining: number | null;
  columns: ReviewColumns;
  vocabulary: Vocabulary;
  showScore: boolean;
  reviewer: string;
  status: string | null;
  error: string | null;
  canUndo: boolean;
  onAction: (type: "positive" | "negative" | "skip" | "undo" | "toggle-score") => void;
  onChangeReviewer: () => void;
}

/** One audit item in big type, with the buttons (and keys) to label it, skip it or undo. */
export function ReviewCard({ datasetId, item, loaded, remaining, columns, vocabulary: v, showScore, reviewer, status, error, canUndo, onAction, onChangeReviewer }: Props) {
  const fields = item ? [...columns.slices.map((c) => [c, item.slices[c]] as const), ...columns.extras.map((c) => [c, item.extras[c]] as const)] : [];
  return (
    <section className="card review-card" aria-label="Item to label">
      <header className="review-card-head">
        <p className="small muted review-who">
          Reviewing as <strong>{reviewer}</strong>{" "}
          <button type="button" className="link-button" onClick={onChangeReviewer}>change</button>
        </p>
        <button type="button" className="button review-score-toggle" aria-pressed={showScore} onClick={() => onAction("toggle-score")}>
          <kbd>v</kbd> {showScore ? "Hide the score" : "Show the score"}
        </button>
      </header>
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
      {item ? (
        <article className="review-item" aria-label={`Item ${item.exampleId ?? `row ${item.row}`}`} data-testid="review-item" data-item={item.itemId}>
          <p className="review-item-id">
            {item.exampleId ?? `Row ${item.row}`}{item.timestamp ? ` · ${formatDate(item.timestamp)}` : ""}
            {item.review === "second" ? <span className="review-second">Second look: someone else labelled it; label it on your own</span> : null}
          </p>
          {showScore ? (
            <p className="review-score" data-testid="review-score">Score <strong>{formatDecimal(item.score, 4)}</strong></p>
          ) : null}
          {columns.text ? <div className="review-text"><FoldedText text={item.text} foldAt={900} /></div> : null}
          {columns.image ? <ImageThumb datasetId={datasetId} image={item.image} alt={`image of ${item.exampleId ?? `row ${item.row}`}`} large /> : null}
          {fields.length ? (
            <dl className="review-fields">
              {fields.map(([name, value]) => (
                <div key={name}><dt>{readableColumn(name)}</dt><dd>{value === null || value === undefined ? "—" : readableValue(value)}</dd></div>
              ))}
            </dl>
          ) : null}
        </article>
      ) : (
        <p className="review-empty" data-testid="review-empty">
          {!loaded ? "Loading…" : remaining === 0 ? "Every item of this audit is labelled. Top it up for narrower ranges, or export the labels." : "No item is free for you right now: the others are being reviewed (held for 5 minutes) or you skipped them."}
        </p>
      )}
      <div className="review-actions" role="group" aria-label="Label">
        <button type="button" className="button review-answer review-positive" disabled={!item} onClick={() => onAction("positive")}>
          <kbd>p</kbd> {capitalize(v.positive)}
        </button>
        <button type="button" className="button review-answer review-negative" disabled={!item} onClick={() => onAction("negative")}>
          <kbd>n</kbd> {capitalize(v.negative)}
        </button>
        <button type="button" className="button review-skip" disabled={!item} onClick={() => onAction("skip")}>
          <kbd>s</kbd> Skip
        </button>
        <button type="button" className="button review-undo" disabled={!canUndo} onClick={() => onAction("undo")}>
          <kbd>u</kbd> Undo
        </button>
      </div>
      <p className="review-status" role="status" data-testid="review-status">{status ?? ""}</p>
      <p className="review-keys small muted">
        <kbd>p</kbd> or <kbd>1</kbd> {v.positive} · <kbd>n</kbd> or <kbd>0</kbd> {v.negative} · <kbd>s</kbd> skip (someone else takes it) · <kbd>u</kbd> undo · <kbd>v</kbd> score
      </p>
    </section>
  );
}
