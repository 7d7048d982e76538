"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import { formatDate, formatDecimal, readableColumn, readableValue } from "@/lib/format";
import { FoldedText, ImageThumb, NoteForm, NoteList, TagToggles } from "./example-cells";
import type { ColumnsShown } from "./examples-table";
import { addNote, KIND_LABELS, type Example, type ExampleKind, type FailureModes, type TagView, type TimeWindow } from "./gallery-api";
import { contextLine } from "./meeting-context";
import { meetingAction } from "./meeting-keys";
import { MeetingModes } from "./meeting-modes";
import { toggleTagOnServer, withTagToggled } from "./tag-actions";
import { useMeetingExamples } from "./use-meeting-examples";

interface Props {
  datasetId: number;
  threshold: number;
  initialKind: ExampleKind;
  filters: { slices: Record<string, string>; q: string; window?: TimeWindow | null };
  tags: TagView[];
  modes: FailureModes | null;
  columns: ColumnsShown;
  labels: { positive: string; negative: string };
  reviewer: string;
  onTagsChanged: (example: Example) => void;
  onCreateTag: (name: string) => Promise<void>;
  onClose: () => void;
}

const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/**
 * Asks for full screen once, on mount, and leaves meeting mode when the browser leaves full screen.
 * `onClose` is read through a ref: a new callback must not exit and re-enter full screen.
 */
function useFullscreen(ref: RefObject<HTMLDivElement | null>, onClose: () => void) {
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const el = ref.current;
    let entered = false;
    const onChange = () => {
      if (document.fullscreenElement) entered = true;
      else if (entered) close.current();
    };
    document.addEventListener("fullscreenchange", onChange);
    if (el?.requestFullscreen && !document.fullscreenElement) el.requestFullscreen().catch(() => undefined);
    return () => {
      document.removeEventListener("fullscreenchange", onChange);
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, [ref]);
}

/** Meeting mode: one error at a time, full screen, big type, driven by the keyboard. */
export function MeetingMode(props: Props) {
  const { datasetId, threshold, filters, tags, modes, columns, labels, reviewer, onTagsChanged, onCreateTag, onClose } = props;
  const [kind, setKind] = useState<ExampleKind>(props.initialKind === "fn" ? "fn" : props.initialKind === "fp" ? "fp" : props.initialKind);
  const walk = useMeetingExamples(datasetId, threshold, kind, filters);
  const root = useRef<HTMLDivElement | null>(null);
  const newTag = useRef<HTMLInputElement | null>(null);
  const [tagName, setTagName] = useState("");
  const [error, setError] = useState<string | null>(null);
  /** The last tag change, said out loud, with the way back. */
  const [lastChange, setLastChange] = useState<{ message: string; undo: () => void } | null>(null);
  useFullscreen(root, onClose);

  const example = walk.current;
  const setTag = async (target: Example, tag: TagView, applied: boolean, canUndo: boolean) => {
    try {
      await toggleTagOnServer(datasetId, target, tag, applied, reviewer);
      const updated = withTagToggled(target, tag, applied, reviewer);
      walk.replace(updated);
      onTagsChanged(updated);
      setError(null);
      setLastChange(
        canUndo
          ? { message: applied ? `Took “${tag.name}” off this example.` : `Tagged “${tag.name}”.`, undo: () => void setTag(updated, tag, !applied, false) }
          : { message: applied ? `Undone: “${tag.name}” is off again.` : `Undone: “${tag.name}” is back on.`, undo: () => undefined },
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const toggle = (tag: TagView, applied: boolean) => (example ? setTag(example, tag, applied, true) : undefined);
  const move = (step: number) => {
    walk.move(step);
    setLastChange(null);
  };

  const handler = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useEffect(() => {
    handler.current = (event: KeyboardEvent) => {
      if (isTyping(event.target)) {
        if (event.key === "Escape") (event.target as HTMLElement).blur();
        return;
      }
      const action = meetingAction(event);
      if (!action) return;
      event.preventDefault();
      if (action.type === "next") move(1);
      else if (action.type === "previous") move(-1);
      else if (action.type === "undo") lastChange?.undo();
      else if (action.type === "leave") onClose();
      else if (action.type === "switch-kind") setKind((k) => (k === "fp" ? "fn" : "fp"));
      else if (action.type === "new-tag") newTag.current?.focus();
      else if (action.type === "note") root.current?.querySelector<HTMLInputElement>(".meeting-card .note-form input")?.focus();
      else if (action.type === "tag" && example && tags[action.index]) {
        const tag = tags[action.index];
        void toggle(tag, example.tags.some((t) => t.id === tag.id));
      }
    };
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => handler.current(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const context = contextLine(kind, modes);
  return (
    <div ref={root} className="meeting" role="dialog" aria-modal="true" aria-label="Meeting mode">
      <header className="meeting-header">
        <div>
          <div className="meeting-kind">
            {KIND_LABELS[kind].one} {walk.total ? `${walk.index + 1} of ${walk.total}` : walk.total === 0 ? "— none" : ""}
            <span className="meeting-threshold"> · threshold {threshold}</span>
          </div>
          {context ? <p className="meeting-context">{context}</p> : null}
        </div>
        <div className="meeting-actions">
          <button type="button" className="button" onClick={() => setKind((k) => (k === "fp" ? "fn" : "fp"))}>
            <kbd>f</kbd> {kind === "fp" ? "Show the missed" : "Show the false alarms"}
          </button>
          <button type="button" className="button" onClick={onClose}>
            <kbd>Esc</kbd> Leave
          </button>
        </div>
      </header>
      {error || walk.error ? <p className="alert alert-error" role="alert">{error ?? walk.error}</p> : null}
      <p className="meeting-change" role="status">
        {lastChange ? (
          <>
            {lastChange.message}{" "}
            {lastChange.message.startsWith("Undone") ? null : (
              <button type="button" className="button" onClick={lastChange.undo}><kbd>u</kbd> Undo</button>
            )}
          </>
        ) : null}
      </p>
      <div className="meeting-body">
        <article className="meeting-card" aria-label="Example">
          {example ? <ExampleCard example={example} datasetId={datasetId} columns={columns} labels={labels} vocabulary={modes?.vocabulary} tags={tags} onToggle={toggle} onNote={async (body) => {
            const note = await addNote(datasetId, example.id, body, reviewer);
            const updated = { ...example, notes: [...example.notes, note] };
            walk.replace(updated);
            onTagsChanged(updated);
          }} /> : <p className="meeting-empty">{walk.total === 0 ? `No ${KIND_LABELS[kind].many.toLowerCase()} at this threshold.` : "Loading…"}</p>}
        </article>
        <MeetingModes tags={tags} modes={modes} kind={kind} newTagRef={newTag} tagName={tagName} onTagName={setTagName} onCreate={async () => {
          if (!tagName.trim()) return;
          try {
            await onCreateTag(tagName.trim());
            setTagName("");
            newTag.current?.blur();
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }} />
      </div>
      <footer className="meeting-footer">
        <button type="button" className="button meeting-step" onClick={() => move(-1)} disabled={walk.index === 0}>
          <span aria-hidden="true">←</span> Previous
        </button>
        <p className="meeting-keys">
          <kbd>←</kbd> <kbd>→</kbd> or <kbd>PgUp</kbd> <kbd>PgDn</kbd> move · <kbd>1</kbd>–<kbd>9</kbd> tag · <kbd>u</kbd> undo · <kbd>t</kbd> new tag · <kbd>n</kbd> note · <kbd>f</kbd> false alarms / missed · <kbd>Esc</kbd> leave
        </p>
        <button type="button" className="button meeting-step" onClick={() => move(1)} disabled={walk.total === null || walk.index >= walk.total - 1}>
          Next <span aria-hidden="true">→</span>
        </button>
      </footer>
    </div>
  );
}

function ExampleCard({ example, datasetId, columns, labels, vocabulary, tags, onToggle, onNote }: {
  example: Example; datasetId: number; columns: ColumnsShown; labels: { positive: string; negative: string }; vocabulary: FailureModes["vocabulary"] | undefined; tags: TagView[];
  onToggle: (tag: TagView, applied: boolean) => void; onNote: (body: string) => Promise<void>;
}) {
  const fields = [...columns.slices.map((c) => [c, example.slices[c]] as const), ...columns.extras.map((c) => [c, example.extras[c]] as const)];
  return (
    <>
      <div className="meeting-stats">
        <div><span className="meeting-stat-label">Score</span><span className="meeting-stat">{formatDecimal(example.score, 4)}</span></div>
        <div><span className="meeting-stat-label">Actually</span><span className="meeting-stat">{example.label === 1 ? vocabulary?.positive ?? labels.positive : vocabulary?.negative ?? labels.negative}</span></div>
        <div><span className="meeting-stat-label">Distance to threshold</span><span className="meeting-stat">{formatDecimal(example.distance, 4)}</span></div>
        <div><span className="meeting-stat-label">Row</span><span className="meeting-stat">{example.row}</span></div>
      </div>
      {example.exampleId || example.timestamp ? (
        <p className="meeting-id">{example.exampleId}{example.timestamp ? ` · ${formatDate(example.timestamp)}` : ""}</p>
      ) : null}
      {columns.text ? <div className="meeting-text"><FoldedText text={example.text} foldAt={600} /></div> : null}
      {columns.image ? <ImageThumb datasetId={datasetId} image={example.image} alt={`image of row ${example.row}`} large /> : null}
      {fields.length ? (
        <dl className="meeting-fields">
          {fields.map(([name, value]) => (
            <div key={name}><dt>{readableColumn(name)}</dt><dd>{value === null || value === undefined ? "—" : readableValue(value)}</dd></div>
          ))}
        </dl>
      ) : null}
      <div className="meeting-tags"><TagToggles example={example} tags={tags} onToggle={onToggle} keys empty="No failure modes yet: press t to name one." /></div>
      <NoteList notes={example.notes} />
      <NoteForm label="Note on this example (n)" onAdd={onNote} />
    </>
  );
}
