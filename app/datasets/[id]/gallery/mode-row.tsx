"use client";

import { useState } from "react";
import type { TagView } from "./gallery-api";

/** A failure mode's counts in words: "12 false alarms · 3 missed". */
export const modeCounts = (fp: number, fn: number) => `${fp} false ${fp === 1 ? "alarm" : "alarms"} · ${fn} missed`;

type TagPatch = Partial<Pick<TagView, "name" | "color" | "description">>;

interface Props {
  tag: TagView;
  index: number;
  /** "12 false alarms · 3 missed" and the daily phrases, shown under the name. */
  counts: { fp: number; fn: number };
  daily: string[];
  onUpdate: (tag: TagView, patch: TagPatch) => Promise<void>;
  onMoveUp: ((tag: TagView) => void) | null;
  onDelete: (tag: TagView) => void;
}

/** One failure mode in the panel: its key, counts and daily estimate; editable in place. */
export function ModeRow({ tag, index, counts, daily, onUpdate, onMoveUp, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ name: tag.name, color: tag.color, description: tag.description });
  const [error, setError] = useState<string | null>(null);
  if (editing) {
    return (
      <li className="mode mode-editing" data-tag={tag.name}>
        <form
          className="mode-edit"
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              await onUpdate(tag, { name: draft.name.trim(), color: draft.color, description: draft.description.trim() });
              setEditing(false);
              setError(null);
            } catch (err) {
              setError(err instanceof Error ? err.message : String(err));
            }
          }}
        >
          <input type="color" aria-label={`Colour of ${tag.name}`} value={draft.color} onChange={(e) => setDraft({ ...draft, color: e.target.value })} />
          <input aria-label="Name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} maxLength={60} required />
          <input aria-label="Description" placeholder="Description" value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} maxLength={500} />
          <span className="mode-edit-actions">
            <button className="button" disabled={!draft.name.trim()}>Save</button>
            <button type="button" className="link-button small" onClick={() => setEditing(false)}>cancel</button>
          </span>
          {error ? <span className="alert alert-error small" role="alert">{error}</span> : null}
        </form>
      </li>
    );
  }
  return (
    <li className="mode" data-tag={tag.name}>
      <span className="mode-swatch" style={{ background: tag.color }} aria-hidden="true" />
      <div className="mode-body">
        <div>
          {index < 9 ? <kbd title={`key ${index + 1} in meeting mode`}>{index + 1}</kbd> : null} <strong>{tag.name}</strong>{" "}
          <span className="small muted mode-counts">
            {modeCounts(counts.fp, counts.fn)}
          </span>
        </div>
        {tag.description ? <div className="small muted">{tag.description}</div> : null}
        {daily.map((line) => (
          <div key={line} className="small">{line}</div>
        ))}
      </div>
      <span className="mode-actions">
        {onMoveUp ? (
          <button type="button" className="link-button small" onClick={() => onMoveUp(tag)} aria-label={`Move ${tag.name} up`} title="Move up (earlier key)">
            ↑
          </button>
        ) : null}
        <button
          type="button"
          className="link-button small"
          onClick={() => {
            setDraft({ name: tag.name, color: tag.color, description: tag.description });
            setEditing(true);
          }}
          aria-label={`Edit tag ${tag.name}`}
        >
          edit
        </button>
        <button type="button" className="link-button small" onClick={() => onDelete(tag)} aria-label={`Delete tag ${tag.name}`}>
          delete
        </button>
      </span>
    </li>
  );
}
