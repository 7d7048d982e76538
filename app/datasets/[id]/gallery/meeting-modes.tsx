"use client";

import type { RefObject } from "react";
import { formatAverage } from "@/lib/format";
import type { ExampleKind, FailureModes, TagView } from "./gallery-api";
import { modeCounts } from "./mode-row";

interface Props {
  tags: TagView[];
  modes: FailureModes | null;
  kind: ExampleKind;
  newTagRef: RefObject<HTMLInputElement | null>;
  tagName: string;
  onTagName: (name: string) => void;
  onCreate: () => void;
}

/** Meeting mode's side panel: each failure mode with its key, its counts and its daily estimate. */
export function MeetingModes({ tags, modes, kind, newTagRef, tagName, onTagName, onCreate }: Props) {
  const byTag = new Map(modes?.modes.map((m) => [m.tag.id, m]));
  const errorsPerDay = kind === "fn" ? modes?.daily.falseNegatives : modes?.daily.falsePositives;
  return (
    <aside className="meeting-modes" aria-label="Failure mode counts">
      <h2>Failure modes</h2>
      <ol className="meeting-mode-list">
        {tags.map((tag, i) => {
          const m = byTag.get(tag.id);
          const perDay = kind === "fn" ? m?.fnPerDay : m?.fpPerDay;
          return (
            <li key={tag.id} data-tag={tag.name}>
              <span className="mode-swatch" style={{ background: tag.color }} aria-hidden="true" />
              {i < 9 ? <kbd>{i + 1}</kbd> : null}
              <span className="meeting-mode-name">{tag.name}</span>
              <span className="meeting-mode-count">{modeCounts(m?.fp ?? 0, m?.fn ?? 0)}</span>
              {perDay !== null && perDay !== undefined && errorsPerDay !== null && errorsPerDay !== undefined && (kind === "fn" ? m?.fn : m?.fp) ? (
                <span className="meeting-mode-daily">
                  ≈ {formatAverage(perDay)} of the {formatAverage(errorsPerDay)} a day (from {kind === "fn" ? modes?.reviewedFn : modes?.reviewedFp} reviewed)
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <form
        className="meeting-new-tag"
        onSubmit={(e) => {
          e.preventDefault();
          onCreate();
        }}
      >
        <label htmlFor="meeting-new-tag">New failure mode (t)</label>
        <input id="meeting-new-tag" ref={newTagRef} value={tagName} onChange={(e) => onTagName(e.target.value)} placeholder="e.g. gift cards" maxLength={60} />
      </form>
      {modes ? (
        <p className="small meeting-reviewed">
          Reviewed {modes.reviewedFp} of {modes.fp} false alarms and {modes.reviewedFn} of {modes.fn} missed.
        </p>
      ) : null}
    </aside>
  );
}
