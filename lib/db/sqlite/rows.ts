import type { RowStore } from "../store";
import type { PredictionRecord } from "../types";
import { predictionIdsOfExamples, sameExampleIds } from "./keys";
import { sharedSqlite } from "./connection";
import { readerCall, readerList, readerSlices } from "./reader-client";
import { imageValues, rowPage, rowsByIds, rowsMatching } from "./row-queries";

/** Rows per slice of an export read in this thread (when there is no reader thread). */
const EXPORT_SLICE_ROWS = 1000;

/**
 * The rows of a dataset on SQLite: point reads by id here; scans of the dataset's rowid range
 * (filtered and sorted pages, exports, image lists) and example-id lookups on the reader thread
 * (reader-worker.ts), so that a scan of millions of rows never holds this thread.
 */
export const sqliteRows: RowStore = {
  async byIds(datasetId, ids) {
    return rowsByIds(sharedSqlite(), datasetId, ids);
  },
  async page(datasetId, query, layout, limit, offset) {
    return readerCall("page", [datasetId, query, layout, limit, offset], () => rowPage(sharedSqlite(), datasetId, query, layout, limit, offset));
  },
  async matching(datasetId, query, layout, max) {
    return readerList<PredictionRecord>("matching", [datasetId, query, layout, max], () => {
      const all: PredictionRecord[] = [];
      rowsMatching(sharedSqlite(), datasetId, query, layout, max, max, (slice) => {
        for (const record of slice) all.push(record);
      });
      return all;
    });
  },
  matchingSlices(datasetId, query, layout, max) {
    return readerSlices<PredictionRecord>("matching", [datasetId, query, layout, max], () => {
      const all: PredictionRecord[] = [];
      rowsMatching(sharedSqlite(), datasetId, query, layout, max, max, (slice) => {
        for (const record of slice) all.push(record);
      });
      return all;
    }, EXPORT_SLICE_ROWS);
  },
  async imageValues(datasetId) {
    return readerList<string>("imageValues", [datasetId], () => imageValues(sharedSqlite(), datasetId));
  },
  async predictionIdsOf(datasetId, exampleIds) {
    return readerCall("predictionIdsOf", [datasetId, exampleIds], () => predictionIdsOfExamples(datasetId, exampleIds));
  },

  // Millions of texts read and compared on the reader thread: only the answer's bytes come back.
  async sameExampleIds(a, idsA, b, idsB) {
    return readerCall("sameExampleIds", [a, idsA, b, idsB], () => sameExampleIds(a, idsA, b, idsB));
  },
};
