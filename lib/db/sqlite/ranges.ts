/**
 * "Every row of this dataset" without an index on datasetId: the id ranges of its batches (each
 * batch's rows have consecutive ids), joined to "Prediction" so that SQLite reads each range of
 * the table directly. Use as `FROM ${DATASET_ROWS} WHERE ${DATASET_ROWS_WHERE} AND …` with the
 * dataset id bound twice first.
 */
export const DATASET_ROWS = `"Import" b JOIN "Prediction" p NOT INDEXED ON p."id" BETWEEN b."firstId" AND b."lastId"`;
export const DATASET_ROWS_WHERE = `b."datasetId" = ? AND b."lastId" >= b."firstId" AND p."datasetId" = ?`;
