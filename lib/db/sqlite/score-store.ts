import type { ScoreStore } from "../store";
import { scoreOrderOf } from "./score-orders";
import { readScoreTable } from "./score-tables";

/** The score table and score order stored with each dataset (blobs, see score-tables.ts and score-orders.ts). */
export const sqliteScores: ScoreStore = {
  async table(datasetId) {
    return readScoreTable(datasetId);
  },
  async order(datasetId, table) {
    const order = scoreOrderOf(datasetId, table);
    return order && { ids: order.ids, scores: order.scores, labels: order.labels };
  },
};
