"use client";

import {
  createColumnHelper,
  functionalUpdate,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type PaginationState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useMemo } from "react";
import { formatCount, formatDate, formatDecimal, readableColumn, readableValue } from "@/lib/format";
import { FoldedText, ImageThumb, NoteForm, NoteList, TagToggles } from "./example-cells";
import type { Example, TagView } from "./gallery-api";

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
const columnHelper = createColumnHelper<typeof features, Example>();

/** Which optional columns the dataset has. */
export interface ColumnsShown {
  id: boolean;
  text: boolean;
  image: boolean;
  timestamp: boolean;
  slices: string[];
  extras: string[];
}

interface Props {
  datasetId: number;
  items: Example[];
  total: number;
  columns: ColumnsShown;
  tags: TagView[];
  labels: { positive: string; negative: string };
  sorting: SortingState;
  onSortingChange: (sorting: SortingState) => void;
  pagination: PaginationState;
  onPaginationChange: (pagination: PaginationState) => void;
  onToggleTag: (example: Example, tag: TagView, applied: boolean) => void;
  onAddNote: (example: Example, body: string) => Promise<void>;
}

/**
 * The examples of one page, sorted and paginated on the server (TanStack Table v9 with manual
 * sorting and pagination): column ids are the API's sort keys.
 */
export function ExamplesTable(props: Props) {
  const { datasetId, columns: shown, tags, labels, onToggleTag, onAddNote } = props;
  const columns = useMemo(
    () =>
      columnHelper.columns([
        columnHelper.accessor("row", { header: "Row", cell: (c) => <span className="num">{c.getValue()}</span> }),
        columnHelper.accessor("label", { header: "Actually", cell: (c) => (c.getValue() === 1 ? labels.positive : labels.negative) }),
        columnHelper.accessor("score", { header: "Score", cell: (c) => <span className="num">{formatDecimal(c.getValue(), 4)}</span> }),
        columnHelper.accessor("distance", { header: "Distance", cell: (c) => <span className="num">{formatDecimal(c.getValue(), 4)}</span> }),
        ...(shown.id ? [columnHelper.accessor("exampleId", { header: "Id", cell: (c) => <span className="mono small nowrap">{c.getValue() ?? "—"}</span> })] : []),
        ...(shown.timestamp ? [columnHelper.accessor("timestamp", { header: "Time", cell: (c) => <span className="small">{formatDate(c.getValue())}</span> })] : []),
        ...(shown.text ? [columnHelper.accessor("text", { header: "Text", cell: (c) => <FoldedText text={c.getValue()} /> })] : []),
        ...(shown.image
          ? [columnHelper.accessor("image", { header: "Image", cell: (c) => <ImageThumb datasetId={datasetId} image={c.getValue()} alt={`image of row ${c.row.original.row}`} /> })]
          : []),
        ...shown.slices.map((name) => columnHelper.accessor((e) => e.slices[name], { id: name, header: readableColumn(name), cell: (c) => { const v = c.getValue(); return v ? readableValue(v) : "—"; } })),
        ...shown.extras.map((name) => columnHelper.accessor((e) => e.extras[name], { id: name, header: readableColumn(name), cell: (c) => <FoldedText text={c.getValue() ?? null} foldAt={80} /> })),
        columnHelper.display({
          id: "tags",
          header: "Tags",
          cell: (c) => <TagToggles example={c.row.original} tags={tags} onToggle={(tag, applied) => onToggleTag(c.row.original, tag, applied)} />,
        }),
        columnHelper.display({
          id: "notes",
          header: "Notes",
          cell: (c) => (
            <div className="notes-cell">
              <NoteList notes={c.row.original.notes} />
              <NoteForm label={`Note on row ${c.row.original.row}`} onAdd={(body) => onAddNote(c.row.original, body)} />
            </div>
          ),
        }),
      ]),
    [datasetId, shown, tags, labels, onToggleTag, onAddNote],
  );

  const table = useTable({
    features,
    columns,
    data: props.items,
    getRowId: (row) => String(row.id),
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    rowCount: props.total,
    state: { sorting: props.sorting, pagination: props.pagination },
    onSortingChange: (u: Updater<SortingState>) => props.onSortingChange(functionalUpdate(u, props.sorting)),
    onPaginationChange: (u: Updater<PaginationState>) => props.onPaginationChange(functionalUpdate(u, props.pagination)),
  });

  const { pageIndex, pageSize } = props.pagination;
  const from = props.total === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(props.total, (pageIndex + 1) * pageSize);
  return (
    <div className="stack-sm">
      <div className="table-scroll">
        <table className="table examples-table cards-on-phone" aria-label="Examples">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                      {header.column.getCanSort() ? (
                        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                          <table.FlexRender header={header} />
                          <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} data-label={typeof cell.column.columnDef.header === "string" ? cell.column.columnDef.header : cell.column.id} className={`col-${cell.column.id.replace(/[^a-z]/gi, "") || "other"}`}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <span className="small muted">
          {formatCount(from)}–{formatCount(to)} of {formatCount(props.total)}
        </span>
        <button type="button" className="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
          Previous
        </button>
        <button type="button" className="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
          Next
        </button>
        <label className="small">
          Per page{" "}
          <select value={pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))}>
            {[25, 50, 100].map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
