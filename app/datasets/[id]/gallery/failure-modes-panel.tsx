"use client";

import { useState } from "react";
import { formatAverage } from "@/lib/format";
import { TAG_COLOURS, type FailureModes, type TagView } from "./gallery-api";
import { ModeRow } from "./mode-row";

/** "about 40 of the 200 daily false alarms" for one failure mode, or null without reviewed errors. */
export function dailyPhrase(perDay: number | null, dailyTotal: number | null, what: string): string | null {
  if (perDay === null || dailyTotal === null) return null;
  return `about ${formatAverage(perDay)} of the ${formatAverage(dailyTotal)} ${what} a day`;
}

interface Props {
  tags: TagView[];
  modes: FailureModes | null;
  onCreate: (name: string, color: string, description: string) => Promise<void>;
  onUpdate: (tag: TagView, patch: Partial<Pick<TagView, "name" | "color" | "description">>) => Promise<void>;
  /** Swaps the keyboard order of two tags. */
  onMove: (tag: TagView, before: TagView) => void;
  onDelete: (tag: TagView) => void;
}

/** The failure modes: each tag's count among the false positives and negatives, and per day. */
export function FailureModesPanel({ tags, modes, onCreate, onUpdate, onMove, onDelete }: Props) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [color, setColor] = useState<string | null>(null);
  const nextColor = color ?? TAG_COLOURS[tags.length % TAG_COLOURS.length];
  const byTag = new Map(modes?.modes.map((m) => [m.tag.id, m]));
  const v = modes?.vocabulary;
  return (
    <section className="card stack-sm" aria-label="Failure modes">
      <h2>Failure modes</h2>
      {modes ? (
        <p className="small muted">
          Reviewed so far: {modes.reviewedFp} of {modes.fp} false alarms, {modes.reviewedFn} of {modes.fn} missed. Daily
          estimates scale each mode&rsquo;s share of the reviewed errors to the {formatAverage(modes.daily.falsePositives ?? 0)} false alarms and{" "}
          {formatAverage(modes.daily.falseNegatives ?? 0)} misses a day.
        </p>
      ) : null}
      {tags.length ? (
        <ul className="mode-list">
          {tags.map((tag, i) => {
            const m = byTag.get(tag.id);
            const fpDaily = m?.fp ? dailyPhrase(m.fpPerDay, modes?.daily.falsePositives ?? null, `${v?.negative ?? "negative"} ${v?.itemPlural ?? "items"} flagged`) : null;
            const fnDaily = m?.fn ? dailyPhrase(m.fnPerDay, modes?.daily.falseNegatives ?? null, `${v?.positive ?? "positive"} ${v?.itemPlural ?? "items"} missed`) : null;
            const daily = [
              ...(fpDaily ? [`${fpDaily} (from ${modes?.reviewedFp} reviewed)`] : []),
              ...(fnDaily ? [`${fnDaily} (from ${modes?.reviewedFn} reviewed)`] : []),
            ];
            return (
              <ModeRow
                key={tag.id}
                tag={tag}
                index={i}
                counts={{ fp: m?.fp ?? 0, fn: m?.fn ?? 0 }}
                daily={daily}
                onUpdate={onUpdate}
                onMoveUp={i > 0 ? (t) => onMove(t, tags[i - 1]) : null}
                onDelete={onDelete}
              />
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
            await onCreate(name.trim(), nextColor, description.trim());
            setColor(null);
            setName("");
            setDescription("");
            setError(null);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          }
        }}
      >
        <input type="color" className="tag-form-color" aria-label="Colour of the new failure mode" value={nextColor} onChange={(e) => setColor(e.target.value)} />
        <input aria-label="New failure mode name" placeholder="New failure mode, e.g. gift cards" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
        <input aria-label="Description" placeholder="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
        <button className="button" disabled={!name.trim()}>Add tag</button>
      </form>
      {error ? <p className="alert alert-error small" role="alert">{error}</p> : null}
    </section>
  );
}
