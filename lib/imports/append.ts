import { store, type DuplicatePolicy } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { IngestError, ingestCsv, type ColumnMapping, type IngestResult } from "../ingest";
import { columnLayoutOf } from "../db/views";
import { jsonRowsAsCsv, ndjsonAsCsv } from "../ingest/json-rows";
import type { CsvEncoding } from "../ingest/encodings";
import { serialized } from "./queue";

/** How an append's rows are sent. */
export type RowsFormat = "csv" | "ndjson" | "json";

export interface AppendRequest {
  format: RowsFormat;
  /** What to do with rows whose example id the dataset already has. */
  duplicates: DuplicatePolicy;
  sourceFile?: string | null;
  encoding?: CsvEncoding;
  maxBytes?: number;
}

/** The answer to an append: the rows added (and skipped), and the dataset's new totals. */
export interface AppendResult {
  id: number;
  added: number;
  skipped: number;
  rows: number;
  positives: number;
  negatives: number;
  unlabeled: number;
  durationMs: number;
  version: number | null;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The bytes of a `{"rows": [...]}` body (held whole: JSON bodies are small batches). */
async function jsonBody(source: AsyncIterable<Uint8Array>, columns: string[], maxBytes: number | undefined): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (maxBytes !== undefined && size > maxBytes) throw new IngestError("upload_too_large", `the body is larger than the limit of ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new InvalidInputError('the body is not valid JSON: send {"rows": [{…}, …]}', "invalid_json");
  }
  const rows = (parsed as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new InvalidInputError('the body must be {"rows": [{…}, …]}: an object with a "rows" list');
  return jsonRowsAsCsv(rows, columns);
}

/**
 * Appends a batch of rows to an existing dataset, through the same ingest core as an import with
 * the dataset's own mapping (matched by column name), after any write already running: all or
 * nothing, ids the dataset already has refused (409) or skipped. Throws NotFoundError for an
 * unknown dataset, IngestError for a bad batch (rows counted within the batch).
 */
export async function appendRows(datasetId: number, source: AsyncIterable<Uint8Array>, request: AppendRequest): Promise<AppendResult> {
  const [dataset, values] = await Promise.all([store().datasets.get(datasetId), store().scores.sliceValues(datasetId)]);
  if (!dataset || !values) throw new NotFoundError(`dataset ${datasetId}`);
  const mapping = dataset.mapping as unknown as ColumnMapping;
  const layout = columnLayoutOf(dataset.mapping);
  const columns = Array.isArray(mapping.columns) ? mapping.columns.map(String) : [];
  const csv = request.format === "ndjson" ? ndjsonAsCsv(source, columns) : request.format === "json" ? once(await jsonBody(source, columns, request.maxBytes)) : source;
  const result: IngestResult = await serialized(() =>
    ingestCsv(
      csv,
      {
        sourceFile: request.sourceFile ?? null,
        encoding: request.encoding,
        maxBytes: request.maxBytes,
        append: {
          mapping,
          positiveLabel: dataset.positiveLabel,
          negativeLabel: dataset.negativeLabel,
          sliceValues: layout.slices.map((c) => values[c] ?? []),
          firstRecord: request.format === "csv" ? 1 : 0,
        },
      },
      store().appendWriter(datasetId, request.duplicates),
    ),
  );
  return {
    id: datasetId,
    added: result.added ?? 0,
    skipped: result.skipped ?? 0,
    rows: result.rows,
    positives: result.positives,
    negatives: result.negatives,
    unlabeled: result.unlabeled,
    durationMs: result.durationMs,
    version: await store().datasets.version(datasetId),
  };
}

/** Merges small segments after an append (run once the answer is sent); errors are logged, never thrown. */
export async function compactAfterAppend(datasetId: number): Promise<void> {
  try {
    while (await serialized(() => store().compact(datasetId))) {
      // one tier at a time, until no tier is full
    }
  } catch (error) {
    console.error(`cutoff: compacting dataset ${datasetId} failed`, error);
  }
}
