/**
 * The SQLite reader thread (started by reader-client.ts): the reads that may take long on a
 * large dataset run here, on this thread's own connection: scans of a dataset's rows (filtered
 * and sorted gallery pages, text search, exports, image lists), segment blobs (read and decoded
 * into shared memory, so the app's thread gets them without a copy), example-id lookups and the
 * comparison's check of matched example ids.
 * Long answers go back in slices, each sent once the app has taken the last (rpc.ts), so the app's
 * thread never spends long on messages and never holds a whole export.
 */
import { parentPort } from "node:worker_threads";
import type { ColumnLayout, ExampleQuery } from "../../gallery/kinds";
import { serveRpc, type SendPart } from "../../workers/rpc";
import { sharedSqlite } from "./connection";
import { predictionIdsOfExamples, sameExampleIds } from "./keys";
import { idsMatching, imageValues, rowPage, rowsByIds } from "./row-queries";
import { readSegment, readSegmentKeys } from "./segments";
import { lowerThreadPriority } from "../../workers/priority";

const port = parentPort;
if (!port) throw new Error("reader-worker.ts runs as a worker thread");
// Long scans: requests first. (Linux: this thread only.)
lowerThreadPriority(10);

/** Records per message of a long answer: about 2 ms for the app's thread to take in. */
const RECORDS_PER_PART = 2000;

serveRpc(port, {
  segment: (_send: SendPart, segmentId: number, sliceColumns: number) => ({ value: readSegment(segmentId, sliceColumns, sharedSqlite(), { shared: true }) }),
  segmentKeys: (_send: SendPart, segmentId: number) => ({ value: readSegmentKeys(segmentId, sharedSqlite(), { shared: true }) }),
  page: (_send: SendPart, datasetId: number, query: ExampleQuery, layout: ColumnLayout, limit: number, offset: number) => ({ value: rowPage(sharedSqlite(), datasetId, query, layout, limit, offset) }),
  // The scan sorts the ids first; each part's rows are read by id once the last part was taken
  // (no statement stays open meanwhile).
  matching: async (send: SendPart, datasetId: number, query: ExampleQuery, layout: ColumnLayout, max: number) => {
    const ids = idsMatching(sharedSqlite(), datasetId, query, layout, max);
    for (let at = 0; at < ids.length; at += RECORDS_PER_PART) await send(rowsByIds(sharedSqlite(), datasetId, ids.slice(at, at + RECORDS_PER_PART)));
    return { value: [] };
  },
  imageValues: async (send: SendPart, datasetId: number) => {
    const all = imageValues(sharedSqlite(), datasetId);
    for (let at = 0; at < all.length; at += RECORDS_PER_PART * 10) await send(all.slice(at, at + RECORDS_PER_PART * 10));
    return { value: [] };
  },
  predictionIdsOf: (_send: SendPart, datasetId: number, exampleIds: string[]) => ({ value: predictionIdsOfExamples(datasetId, exampleIds, sharedSqlite()) }),
  sameExampleIds: (_send: SendPart, a: number, idsA: Float64Array, b: number, idsB: Float64Array) => ({ value: sameExampleIds(a, idsA, b, idsB, sharedSqlite()) }),
});
