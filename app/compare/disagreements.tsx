"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { formatCount, formatDecimal, readableColumn, readableValue } from "@/lib/format";
import type { Vocabulary } from "@/lib/story/settings";
import { FoldedText, ImageThumb, NoteForm, NoteList, TagToggles } from "@/app/datasets/[id]/gallery/example-cells";
import { addNote, type TagView } from "@/app/datasets/[id]/gallery/gallery-api";
import { toggleTagOnServer, withTagToggled } from "@/app/datasets/[id]/gallery/tag-actions";
import { useLoaded, useReviewer } from "@/app/datasets/[id]/gallery/use-gallery-data";
import { fetchDisagreements, type CompareView, type DisagreementQuery } from "./compare-api";

/** Which of dataset A's columns to show. */
export interface ShownColumns {
  id: boolean;
  text: boolean;
  image: boolean;
  slices: string[];
}

interface Props {
  a: number;
  b: number;
  view: CompareView;
  nameA: string;
  nameB: string;
  vocabulary: Vocabulary;
  tags: TagView[];
  columns: ShownColumns;
}

const PAGE = 25;

/**
 * The disagreements gallery: matched examples exactly one model flags, largest score difference
 * first, with dataset A's tags and notes (the failure gallery's cells; a tag set here is A's).
 */
export function Disagreements({ a, b, view, nameA, nameB, vocabulary: v, tags, columns }: Props) {
  const [filter, setFilter] = useState<Pick<DisagreementQuery, "side" | "label">>({ side: "", label: "" });
  const [page, setPage] = useState(0);
  const [reviewer] = useReviewer();
  const [actionError, setActionError] = useState<string | null>(null);
  const query: DisagreementQuery = { ...filter, limit: PAGE, offset: page * PAGE };
  const key = JSON.stringify([a, b, view.mode, view.mode === "load" ? view.reviews : view.threshold, query]);
  const list = useLoaded(key, (signal) => fetchDisagreements(a, b, view, query, signal), 200);
  const change = (next: Partial<typeof filter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(0);
  };
  const onToggle = useCallback(
    async (id: number, tag: TagView, applied: boolean) => {
      try {
        const example = list.data?.items.find((e) => e.id === id);
        if (!example) return;
        await toggleTagOnServer(a, example, tag, applied, reviewer);
        list.setData((d) => d && { ...d, items: d.items.map((e) => (e.id === id ? { ...e, ...withTagToggled(e, tag, applied, reviewer) } : e)) });
        setActionError(null);
      } catch (error) {
        setActionError(error instanceof Error ? error.message : String(error));
      }
    },
    // list.setData is stable
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [a, reviewer, list.data],
  );
  const total = list.data?.total ?? 0;
  return (
    <section className="card stack-sm" aria-label="Disagreements" data-testid="disagreements">
      <div className="card-title-row">
        <h2>Where the models disagree</h2>
        <span className="small muted" role="status">{list.loading && !list.data ? "Loading…" : `${formatCount(total)} examples`}</span>
      </div>
      <p className="small muted">
        Examples one model flags and the other does not, the largest score difference first. Tags and notes are those of {nameA}&rsquo;s dataset
        {tags.length ? "." : <>: name failure modes on its <Link href={`/datasets/${a}/gallery`}>Failures tab</Link> to tag these.</>}
      </p>
      <div className="disagreement-filters">
        <label>
          Flagged by{" "}
          <select value={filter.side} onChange={(e) => change({ side: e.target.value as DisagreementQuery["side"] })}>
            <option value="">either one</option>
            <option value="onlyA">only {nameA}</option>
            <option value="onlyB">only {nameB}</option>
          </select>
        </label>
        <label>
          Actually{" "}
          <select value={filter.label} onChange={(e) => change({ label: e.target.value as DisagreementQuery["label"] })}>
            <option value="">either class</option>
            <option value="1">{v.positive}</option>
            <option value="0">{v.negative}</option>
          </select>
        </label>
      </div>
      {list.error ? <p className="alert alert-error" role="alert">{list.error}</p> : null}
      {actionError ? <p className="alert alert-error" role="alert">{actionError}</p> : null}
      <div className="table-scroll">
        <table className="table examples-table cards-on-phone" aria-label="Disagreements">
          <thead>
            <tr>
              {columns.id ? <th scope="col">Id</th> : null}
              <th scope="col">Actually</th>
              <th scope="col" className="num">Score {nameA}</th>
              <th scope="col" className="num">Score {nameB}</th>
              <th scope="col">Flagged by</th>
              {columns.text ? <th scope="col">Text</th> : null}
              {columns.image ? <th scope="col">Image</th> : null}
              {columns.slices.map((s) => <th key={s} scope="col">{readableColumn(s)}</th>)}
              <th scope="col">Tags</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((e) => (
              <tr key={e.id}>
                {columns.id ? <td data-label="Id" className="mono small nowrap">{e.exampleId ?? "—"}</td> : null}
                <td data-label="Actually">{e.label === 1 ? v.positive : e.label === 0 ? v.negative : "not labelled"}</td>
                <td className="num" data-label={`Score ${nameA}`}>{formatDecimal(e.score, 4)}</td>
                <td className="num" data-label={`Score ${nameB}`}>{formatDecimal(e.scoreB, 4)} <span className="muted small">({e.difference > 0 ? "+" : "−"}{formatDecimal(Math.abs(e.difference), 3)})</span></td>
                <td data-label="Flagged by">only {e.flaggedBy === "a" ? nameA : nameB}</td>
                {columns.text ? <td data-label="Text"><FoldedText text={e.text} /></td> : null}
                {columns.image ? <td data-label="Image"><ImageThumb datasetId={a} image={e.image} alt={`image of row ${e.row}`} /></td> : null}
                {columns.slices.map((s) => <td key={s} data-label={readableColumn(s)}>{e.slices[s] ? readableValue(e.slices[s]!) : "—"}</td>)}
                <td data-label="Tags"><TagToggles example={e} tags={tags} onToggle={(tag, applied) => onToggle(e.id, tag, applied)} empty="—" /></td>
                <td data-label="Notes">
                  <div className="notes-cell">
                    <NoteList notes={e.notes} />
                    <NoteForm label={`Note on row ${e.row}`} onAdd={async (body) => {
                      const note = await addNote(a, e.id, body, reviewer);
                      list.setData((d) => d && { ...d, items: d.items.map((x) => (x.id === e.id ? { ...x, notes: [...x.notes, note] } : x)) });
                    }} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <span className="small muted">{total ? `${formatCount(page * PAGE + 1)}–${formatCount(Math.min(total, (page + 1) * PAGE))} of ${formatCount(total)}` : "none"}</span>
        <button type="button" className="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>Previous</button>
        <button type="button" className="button" disabled={(page + 1) * PAGE >= total} onClick={() => setPage((p) => p + 1)}>Next</button>
      </div>
    </section>
  );
}
