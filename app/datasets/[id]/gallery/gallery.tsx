"use client";

import type { PaginationState, SortingState } from "@tanstack/react-table";
import { useCallback, useEffect, useState } from "react";
import { useThreshold } from "../threshold-context";
import { replaceUrlLater } from "@/app/ui/replace-url";
import { ExamplesTable, type ColumnsShown } from "./examples-table";
import { FailureModesPanel } from "./failure-modes-panel";
import { GalleryToolbar } from "./gallery-toolbar";
import { addNote, createTag, deleteTag, updateTag, galleryParams, KIND_LABELS, TAG_COLOURS, type Example, type ExampleKind, type GalleryQuery, type TagView, type TimeWindow } from "./gallery-api";
import { MeetingMode } from "./meeting-mode";
import { SliceTable } from "./slice-table";
import { toggleTagOnServer, withTagToggled } from "./tag-actions";
import { useExamplePage, useFailureModes, useKindCounts, useReviewer, useSlices } from "./use-gallery-data";

export interface GalleryProps {
  datasetId: number;
  columns: ColumnsShown;
  /** The classes in the dataset's words ("fraudulent" / "valid"), as the Daily impact settings name them. */
  labels: { positive: string; negative: string };
  initialTags: TagView[];
  initialKind: ExampleKind;
  initialSlices: Record<string, string>;
  initialQ: string;
  /** A time window from the link (`?from=&to=`, e.g. a day opened from the Monitoring tab). */
  initialWindow?: TimeWindow | null;
}

/** Keeps the gallery's own filters in the URL next to `?t=`, so a link reproduces the view. */
function useUrlState(kind: ExampleKind, slices: Record<string, string>, q: string, timeWindow: TimeWindow | null) {
  useEffect(
    () =>
      replaceUrlLater((url) => {
        for (const key of [...url.searchParams.keys()]) if (key === "kind" || key === "q" || key === "from" || key === "to" || key.startsWith("slice.")) url.searchParams.delete(key);
        const own = galleryParams({ threshold: 0, kind, slices, q, window: timeWindow });
        own.delete("threshold");
        if (kind === "fp") own.delete("kind");
        for (const [key, value] of own) url.searchParams.set(key, value);
      }, 0),
    [kind, slices, q, timeWindow],
  );
}

/** The failure-mode gallery: the examples of one outcome at the current threshold, tagged into failure modes. */
export function Gallery({ datasetId, columns, labels, initialTags, initialKind, initialSlices, initialQ, initialWindow = null }: GalleryProps) {
  const { threshold } = useThreshold();
  const [kind, setKind] = useState<ExampleKind>(initialKind);
  const [slices, setSlices] = useState(initialSlices);
  const [q, setQ] = useState(initialQ);
  const [timeWindow, setTimeWindow] = useState(initialWindow);
  const [sorting, setSorting] = useState<SortingState>([]);
  // The page restarts at the first when the threshold moves (the list changes under it).
  const [paging, setPaging] = useState({ threshold, pageIndex: 0, pageSize: 50 });
  const [tags, setTags] = useState(initialTags);
  const [meeting, setMeeting] = useState(false);
  const [reviewer, setReviewer] = useReviewer();
  const [actionError, setActionError] = useState<string | null>(null);
  useUrlState(kind, slices, q, timeWindow);

  const sort = sorting[0];
  const query: GalleryQuery = { threshold, kind, slices, q, window: timeWindow, sort: sort?.id, order: sort ? (sort.desc ? "desc" : "asc") : undefined };
  const pagination: PaginationState = { pageIndex: paging.threshold === threshold ? paging.pageIndex : 0, pageSize: paging.pageSize };
  const setPagination = (next: PaginationState) => setPaging({ threshold, ...next });
  const page = useExamplePage(datasetId, query, pagination.pageSize, pagination.pageIndex * pagination.pageSize);
  const modes = useFailureModes(datasetId, threshold);
  const sliceReport = useSlices(datasetId, threshold);
  const kindCounts = useKindCounts(datasetId, threshold, slices, q, timeWindow);
  const firstPage = () => setPaging((p) => ({ ...p, threshold, pageIndex: 0 }));

  const onToggleTag = useCallback(
    async (example: Example, tag: TagView, applied: boolean) => {
      try {
        await toggleTagOnServer(datasetId, example, tag, applied, reviewer);
        page.setData((d) => d && { ...d, items: d.items.map((e) => (e.id === example.id ? withTagToggled(e, tag, applied, reviewer) : e)) });
        modes.reload();
        setActionError(null);
      } catch (error) {
        setActionError(error instanceof Error ? error.message : String(error));
      }
    },
    // page.setData and modes.reload are stable
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [datasetId, reviewer],
  );
  const onAddNote = useCallback(
    async (example: Example, body: string) => {
      const note = await addNote(datasetId, example.id, body, reviewer);
      page.setData((d) => d && { ...d, items: d.items.map((e) => (e.id === example.id ? { ...e, notes: [...e.notes, note] } : e)) });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [datasetId, reviewer],
  );
  const onCreateTag = async (name: string, color: string, description: string) => {
    const tag = await createTag(datasetId, { name, color, description });
    setTags((list) => [...list, tag]);
    modes.reload();
  };
  const onUpdateTag = async (tag: TagView, patch: Partial<Pick<TagView, "name" | "color" | "description">>) => {
    const updated = await updateTag(datasetId, tag.id, patch);
    setTags((list) => list.map((t) => (t.id === tag.id ? updated : t)));
    page.reload();
    modes.reload();
  };
  const onMoveTag = async (tag: TagView, before: TagView) => {
    try {
      const [a, b] = await Promise.all([updateTag(datasetId, tag.id, { position: before.position }), updateTag(datasetId, before.id, { position: tag.position })]);
      setTags((list) => list.map((t) => (t.id === a.id ? a : t.id === b.id ? b : t)).sort((x, y) => x.position - y.position || x.id - y.id));
      modes.reload();
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    }
  };
  const onDeleteTag = async (tag: TagView) => {
    if (!window.confirm(`Delete the tag “${tag.name}” from every example?`)) return;
    await deleteTag(datasetId, tag.id);
    setTags((list) => list.filter((t) => t.id !== tag.id));
    page.reload();
    modes.reload();
  };
  const closeMeeting = useCallback(() => setMeeting(false), []);
  const pickSlice = (column: string, value: string) => {
    setSlices((s) => {
      const next = { ...s };
      if (next[column] === value) delete next[column];
      else next[column] = value;
      return next;
    });
    firstPage();
  };

  return (
    <div className="gallery stack">
      <GalleryToolbar
        datasetId={datasetId}
        query={query}
        total={page.data?.total ?? null}
        failed={page.error !== null}
        counts={kindCounts.data}
        reviewer={reviewer}
        onReviewer={setReviewer}
        onKind={(k) => {
          setKind(k);
          setSorting([]);
          firstPage();
        }}
        onSearch={(text) => {
          setQ(text);
          firstPage();
        }}
        onClearSlice={(column) => pickSlice(column, slices[column])}
        onClearWindow={() => {
          setTimeWindow(null);
          firstPage();
        }}
        onMeeting={() => setMeeting(true)}
      />
      {actionError ? <p className="alert alert-error small" role="alert">{actionError}</p> : null}
      <div className="gallery-overview">
        <FailureModesPanel tags={tags} modes={modes.data} onCreate={onCreateTag} onUpdate={onUpdateTag} onMove={onMoveTag} onDelete={onDeleteTag} />
        <section className="card stack-sm" aria-label="Slices">
          <h2>Errors by slice</h2>
          <p className="small muted">Worst first at threshold {threshold}. Click one to show only its examples.</p>
          <SliceTable report={sliceReport.data} active={slices} onPick={pickSlice} />
        </section>
      </div>
      <section aria-label={KIND_LABELS[kind].many} className="card gallery-main">
        {page.error ? (
          <div className="alert alert-error" role="alert">
            <p>{page.error}</p>
            <button type="button" className="button" onClick={() => (page.reload(), kindCounts.reload())}>Try again</button>
          </div>
        ) : null}
        {page.error && !page.data ? null : page.data ? (
          page.data.total === 0 ? (
            <p className="empty">{KIND_LABELS[kind].none} at threshold {threshold}{Object.keys(slices).length || q.trim() || timeWindow ? " with these filters" : ""}.</p>
          ) : (
            <ExamplesTable
              datasetId={datasetId}
              items={page.data.items}
              total={page.data.total}
              columns={columns}
              tags={tags}
              labels={labels}
              sorting={sorting}
              onSortingChange={(s) => {
                setSorting(s);
                firstPage();
              }}
              pagination={pagination}
              onPaginationChange={setPagination}
              onToggleTag={onToggleTag}
              onAddNote={onAddNote}
            />
          )
        ) : (
          <div className="skeleton" style={{ height: "20rem" }} />
        )}
      </section>
      {meeting ? (
        <MeetingMode
          datasetId={datasetId}
          threshold={threshold}
          initialKind={kind}
          filters={{ slices, q, window: timeWindow }}
          tags={tags}
          modes={modes.data}
          columns={columns}
          labels={labels}
          reviewer={reviewer}
          onTagsChanged={(example) => {
            page.setData((d) => d && { ...d, items: d.items.map((e) => (e.id === example.id ? example : e)) });
            modes.reload();
          }}
          onCreateTag={(name) => onCreateTag(name, TAG_COLOURS[tags.length % TAG_COLOURS.length], "")}
          onClose={closeMeeting}
        />
      ) : null}
    </div>
  );
}
