"use client";

import { useRef, useState, type CSSProperties } from "react";
import { imageSrc, type Example, type TagView } from "./gallery-api";

const FOLD_AT = 160;

/** User text, shown as text; long text is folded with a button to expand it. */
export function FoldedText({ text, foldAt = FOLD_AT }: { text: string | null; foldAt?: number }) {
  const [open, setOpen] = useState(false);
  if (!text) return <span className="muted">—</span>;
  if (text.length <= foldAt) return <span className="example-text">{text}</span>;
  return (
    <span className="example-text">
      {open ? text : `${text.slice(0, foldAt).trimEnd()}…`}{" "}
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "show less" : "show all"}
      </button>
    </span>
  );
}

/** The example's image as a thumbnail; a click opens it larger in a dialog. */
export function ImageThumb({ datasetId, image, alt, large = false }: { datasetId: number; image: string | null; alt: string; large?: boolean }) {
  const dialog = useRef<HTMLDialogElement | null>(null);
  const [broken, setBroken] = useState(false);
  const src = image ? imageSrc(datasetId, image) : null;
  if (!image) return <span className="muted">—</span>;
  if (!src || broken) return <span className="muted small" title="no such image">{image}</span>;
  return (
    <>
      <button type="button" className="thumb-button" onClick={() => dialog.current?.showModal()} aria-label={`Show ${alt} larger`}>
        <img src={src} alt={alt} className={large ? "thumb thumb-large" : "thumb"} loading="lazy" onError={() => setBroken(true)} />
      </button>
      <dialog ref={dialog} className="image-dialog" onClick={(e) => e.target === dialog.current && dialog.current?.close()}>
        <img src={src} alt={alt} />
        <form method="dialog">
          <button className="button">Close</button>
        </form>
      </dialog>
    </>
  );
}

/** The tags of an example: applied ones filled; a click toggles a tag on the example. */
export function TagToggles({ example, tags, onToggle, keys = false, empty = "no tags yet" }: {
  example: Example; tags: TagView[]; onToggle: (tag: TagView, applied: boolean) => void; keys?: boolean; empty?: string;
}) {
  const applied = new Set(example.tags.map((t) => t.id));
  if (tags.length === 0) return <span className="muted small">{empty}</span>;
  return (
    <span className="tag-toggles">
      {tags.map((tag, i) => {
        const on = applied.has(tag.id);
        return (
          <button
            key={tag.id}
            type="button"
            className={on ? "tag-chip tag-chip-on" : "tag-chip"}
            style={{ "--tag-color": tag.color } as CSSProperties}
            aria-pressed={on}
            title={tag.description || undefined}
            onClick={() => onToggle(tag, on)}
          >
            {keys && i < 9 ? <kbd>{i + 1}</kbd> : null}
            {tag.name}
          </button>
        );
      })}
    </span>
  );
}

/** The notes of an example, oldest first, with who wrote them. */
export function NoteList({ notes }: { notes: Example["notes"] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="note-list">
      {notes.map((n) => (
        <li key={n.id}>
          {n.reviewer ? <strong>{n.reviewer}: </strong> : null}
          {n.body}
        </li>
      ))}
    </ul>
  );
}

/** A one-line form to add a note. */
export function NoteForm({ onAdd, label = "Add a note" }: { onAdd: (body: string) => Promise<void>; label?: string }) {
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="note-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!body.trim()) return;
        setBusy(true);
        try {
          await onAdd(body.trim());
          setBody("");
        } finally {
          setBusy(false);
        }
      }}
    >
      <input aria-label={label} placeholder={label} value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} />
      <button className="button" disabled={busy || !body.trim()}>Add</button>
    </form>
  );
}
