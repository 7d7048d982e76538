// The segments stored with each dataset on PostgreSQL (bytea, see segments.ts and lib/db/codec.ts).
import type { ScoreStore } from "../store";
import { storedSliceValues } from "../views";
import { listSegments, readSegment, readSegmentKeys } from "./segments";
import { rowOf } from "./sql";

export const postgresScores: ScoreStore = {
  segments: (datasetId) => listSegments(datasetId),
  segment: (segmentId, sliceColumns) => readSegment(segmentId, sliceColumns),
  async sliceValues(datasetId) {
    const row = await rowOf<{ sliceValues: string }>(`SELECT "sliceValues" FROM "Dataset" WHERE "id" = $1`, [datasetId]);
    return row ? storedSliceValues(row.sliceValues) : null;
  },
  keys: (segmentId) => readSegmentKeys(segmentId),
};
