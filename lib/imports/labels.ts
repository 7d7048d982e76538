import { store } from "../db";
import type { LabelChangeInput } from "../db/types";
import { InvalidInputError, NotFoundError } from "../errors";
import { CsvRecordReader } from "../ingest/csv-reader";
import { sniffDelimiter, stripBom } from "../ingest/detect";
import { IngestError, MAX_PROBLEMS } from "../ingest/errors";
import { LabelReader } from "../ingest/labels";
import type { IngestProblem } from "../ingest/types";
import { serialized } from "./queue";

/** Labels checked between two turns of the event loop (a few milliseconds of work). */
const LABELS_PER_TURN = 10_000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Most labels one request may set. */
export const MAX_LABELS = 1_000_000;

/** One label as sent: the example's id and its label value, with the row it came from (counted from 1 for JSON, 2 for CSV). */
export interface SentLabel {
  exampleId: string;
  label: string;
  row: number;
  reviewer?: string | null;
}

export interface LabelsResult {
  id: number;
  /** Labels sent, and rows whose label changed (a label already set to the same value changes nothing). */
  received: number;
  changed: number;
  positives: number;
  negatives: number;
  unlabeled: number;
  version: number | null;
}

/** The labels of a CSV body with the dataset's id and label columns (or `exampleId` and `label`). */
export async function labelsFromCsv(source: AsyncIterable<Uint8Array>, idColumn: string, labelColumn: string): Promise<SentLabel[]> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const out: SentLabel[] = [];
  let reader: CsvRecordReader | null = null;
  let at: { id: number; label: number } | null = null;
  const onRecord = (fields: string[], record: number) => {
    if (record === 1) {
      const find = (...names: string[]) => fields.findIndex((f) => names.includes(f.trim()));
      at = { id: find(idColumn, "exampleId", "example_id", "id"), label: find(labelColumn, "label") };
      if (at.id < 0 || at.label < 0) throw new InvalidInputError(`the labels file needs the columns ${JSON.stringify(idColumn)} and ${JSON.stringify(labelColumn)} (found ${fields.map((f) => JSON.stringify(f)).join(", ")})`, "missing_column");
      return;
    }
    if (fields.length === 1 && fields[0] === "") return;
    if (out.length >= MAX_LABELS) throw new IngestError("upload_too_large", `at most ${MAX_LABELS} labels per request`);
    out.push({ exampleId: fields[at!.id] ?? "", label: fields[at!.label] ?? "", row: record });
  };
  let first = true;
  for await (const chunk of source) {
    let text = decoder.decode(chunk, { stream: true });
    if (first) {
      text = stripBom(text);
      reader = new CsvRecordReader(sniffDelimiter(text), onRecord);
      first = false;
    }
    reader!.push(text);
  }
  if (reader) {
    reader.push(decoder.decode());
    reader.end();
  }
  return out;
}

/** The labels of `{"labels": [{"exampleId", "label", "reviewer"?}]}`. */
export function labelsFromJson(body: unknown): SentLabel[] {
  const list = (body as { labels?: unknown } | null)?.labels;
  if (!Array.isArray(list)) throw new InvalidInputError('the body must be {"labels": [{"exampleId": "…", "label": "…"}, …]}');
  if (list.length > MAX_LABELS) throw new IngestError("upload_too_large", `at most ${MAX_LABELS} labels per request`);
  return list.map((item, i) => {
    const o = (item ?? {}) as { exampleId?: unknown; label?: unknown; reviewer?: unknown };
    const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
    return { exampleId: text(o.exampleId), label: text(o.label), row: i + 1, reviewer: typeof o.reviewer === "string" ? o.reviewer.slice(0, 80) : null };
  });
}

/**
 * Sets the labels of existing rows by example id, all or nothing: an unknown id, a repeated id
 * or a value that is not one of the dataset's labels (nor 1/0, true/false) is a 400 naming its
 * rows. A label that changes is recorded with who, when and the old value.
 */
export async function setLabels(datasetId: number, labels: SentLabel[], options: { reviewer: string | null; source?: string }): Promise<LabelsResult> {
  const dataset = await store().datasets.get(datasetId);
  if (!dataset) throw new NotFoundError(`dataset ${datasetId}`);
  const mapping = dataset.mapping as { id?: string | null; label?: string };
  const idColumn = mapping.id ?? "exampleId";
  if (!mapping.id) throw new InvalidInputError("this dataset has no example id column, so its rows cannot be labelled by id", "no_id_column");
  const reader = new LabelReader(mapping.label ?? "label", [], undefined, { positive: dataset.positiveLabel, negative: dataset.negativeLabel });
  const found = await store().rows.predictionIdsOf(datasetId, [...new Set(labels.map((l) => l.exampleId))]);
  const problems: IngestProblem[] = [];
  const seen = new Map<string, number>();
  const changes: LabelChangeInput[] = [];
  for (let i = 0; i < labels.length; i++) {
    // A million labels take a while to check: let other requests in every LABELS_PER_TURN.
    if (i > 0 && i % LABELS_PER_TURN === 0) await nextTurn();
    const l = labels[i];
    const problem = (column: string, message: string) => (problems.length < MAX_PROBLEMS ? problems.push({ row: l.row, column, message }) : 0);
    const value = l.label.trim() === "" ? `the label is empty` : reader.read(l.label);
    if (typeof value === "string") problem(mapping.label ?? "label", value);
    const predictionId = found.get(l.exampleId);
    if (predictionId === undefined) problem(idColumn, `${JSON.stringify(l.exampleId)} is not an example of this dataset`);
    if (seen.has(l.exampleId)) problem(idColumn, `${JSON.stringify(l.exampleId)} appears again (first on row ${seen.get(l.exampleId)})`);
    seen.set(l.exampleId, l.row);
    if (typeof value === "number" && predictionId !== undefined) changes.push({ predictionId, label: value as 0 | 1, reviewer: l.reviewer ?? null });
  }
  if (problems.length) {
    const [first] = problems;
    throw new IngestError("invalid_rows", `row ${first.row}, column ${JSON.stringify(first.column)}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}`, problems);
  }
  const written = await serialized(() => store().writeLabels(datasetId, changes, { source: options.source ?? "labels", reviewer: options.reviewer }));
  const after = await store().datasets.get(datasetId);
  return { id: datasetId, ...written, positives: after?.positives ?? 0, negatives: after?.negatives ?? 0, unlabeled: after?.unlabeled ?? 0, version: after?.version ?? null };
}
