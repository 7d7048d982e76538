import type { ScoreStore } from "../store";
import { parseJsonObject } from "../views";
import { sharedSqlite } from "./connection";
import { readerCall } from "./reader-client";
import { listSegments, readSegment, readSegmentKeys } from "./segments";

/** The segments stored with each dataset (blobs, see segments.ts and lib/db/codec.ts). */
export const sqliteScores: ScoreStore = {
  async segments(datasetId) {
    return listSegments(datasetId);
  },
  // A segment of millions of rows is tens of MB to read and decode: on the reader thread, into shared memory.
  async segment(segmentId, sliceColumns) {
    return readerCall("segment", [segmentId, sliceColumns], () => readSegment(segmentId, sliceColumns));
  },
  async sliceValues(datasetId) {
    const row = sharedSqlite().prepare(`SELECT sliceValues FROM "Dataset" WHERE id = ?`).get(datasetId) as { sliceValues: string } | undefined;
    if (!row) return null;
    const stored = parseJsonObject(row.sliceValues);
    return Object.fromEntries(Object.entries(stored).map(([column, values]) => [column, Array.isArray(values) ? values.map(String) : []]));
  },
  // 12 bytes a row (a comparison reads every segment's): on the reader thread, into shared memory.
  async keys(segmentId) {
    return readerCall("segmentKeys", [segmentId], () => readSegmentKeys(segmentId));
  },
};
