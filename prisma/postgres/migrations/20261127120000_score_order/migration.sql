-- Rows in score order are kept per dataset (ScoreOrder) instead of in a (datasetId, score) index,
-- which cost most of an import's time: fed in random score order, row by row.
-- DropIndex
DROP INDEX "Prediction_datasetId_score_idx";

-- CreateTable
CREATE TABLE "ScoreOrder" (
    "datasetId" INTEGER NOT NULL,
    "firstId" INTEGER NOT NULL,
    "lastId" INTEGER NOT NULL,
    "ids" BYTEA NOT NULL,
    "scores" BYTEA,
    "labels" BYTEA NOT NULL,

    CONSTRAINT "ScoreOrder_pkey" PRIMARY KEY ("datasetId")
);

-- AddForeignKey
ALTER TABLE "ScoreOrder" ADD CONSTRAINT "ScoreOrder_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
