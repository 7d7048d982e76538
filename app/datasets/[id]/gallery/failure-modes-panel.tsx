"use client";

import { useState } from "react";
import { formatAverage } from "@/lib/story/numbers";
import { TAG_COLOURS, type FailureModes, type TagView } from "./gallery-api";

/** "about 40 of the 200 daily false alarms" for one failure mode, or null without reviewed errors. */
export function dailyPhrase(perDay: number | null, dailyTotal: number | null, what: string): string | null {
  if (perDay === null || dailyTotal === null) return null;
  return `about ${formatAverage(perDay)} of the ${formatAverage(dailyTotal)} ${what} a day`;
}

interface Props {
  tags: TagView[];
  modes: FailureModes | null;
  onCreate: (name: string, color: string, description: string) => Promise<void>;
  onDelete: (tag: TagView) => void;
}

/** The failure modes: each tag's count among the false positives and negatives, and per day. */
export function FailureModesPanel({ tags, modes, onCreate, onDelete }: Props) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const color = TAG_COLOURS[tags.length % TAG_COLOURS.length];
  const byTag = new Map(modes?.modes.map((m) => [m.tag.id, m]));
  const v = modes?.vocabulary;
  return (
    <section className="card stack-sm" aria-label="Failure modes">
      <h2>Failure modes</h2>
      {modes ? (
        <p className="small muted">
          Reviewed so far: {modes.reviewedFp} of {modes.fp} false positives, {modes.reviewedFn} of {modes.fn} false negatives. Daily
          estimates scale each mode&rsquo;s share of the reviewed errors to the {formatAverage(modes.daily.falsePositives ?? 0)} false alarms and{" "}
          {formatAverage(modes.daily.falseNegatives ?? 0)} misses a day.
        </p>
      ) : null}
      {tags.length ? (
        <ul className="mode-list">
          {tags.map((tag, i) => {
            const m = byTag.get(tag.id);
            const fpDaily = m ? dailyPhrase(m.fpPerDay, modes?.daily.falsePositives ?? null, `${v?.negative ?? "negative"} ${v?.itemPlural ?? "items"} flagged`) : null;
            const fnDaily = m ? dailyPhrase(m.fnPerDay, modes?.daily.falseNegatives ?? null, `${v?.positive ?? "positive"} ${v?.itemPlural ?? "items"} missed`) : null;
            return (
              <li key={tag.id} className="mode" data-tag={tag.name}>
                <span className="mode-swatch" style={{ background: tag.color }} aria-hidden="true" />
                <div className="mode-body">
                  <div>
                    {i < 9 ? <kbd title={`key ${i + 1} in meeting mode`}>{i + 1}</kbd> : null} <strong>{tag.name}</strong>{" "}
                    <span className="small muted mode-counts">
                      {m?.fp ?? 0} FP · {m?.fn ?? 0} FN
                    </span>
                  </div>
                  {tag.description ? <div className="small muted">{tag.description}</div> : null}
                  {fpDaily && m?.fp ? <div className="small">{fpDaily} (from {modes?.reviewedFp} reviewed)</div> : null}
                  {fnDaily && m?.fn ? <div className="small">{fnDaily} (from {modes?.reviewedFn} reviewed)</div> : null}
                </div>
                <button type="button" className="link-button small" onClick={() => onDelete(tag)} aria-label={`Delete tag ${tag.name}`}>
                  delete
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="small muted">No failure modes yet. Name one below, then tag examples with it.</p>
      )}
      <form
        className="tag-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!name.trim()) return;
          try {
            await onCreate(name.trim(), color, description.trim());
            setName("");
            setDescription("");
            setError(null);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          }
        }}
      >
        <input aria-label="New failure mode name" placeholder="New failure mode, e.g. gift cards" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
        <input aria-label="Description" placeholder="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
        <button className="button" disabled={!name.trim()}>Add tag</button>
      </form>
      {error ? <p className="alert alert-error small" role="alert">{error}</p> : null}
    </section>
  );
}
