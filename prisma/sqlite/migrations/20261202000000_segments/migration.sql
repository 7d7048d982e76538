-- Storage in segments: a dataset's rows carry no secondary index (indexes fed in random order,
-- e.g. UUID ids or unsorted timestamps, cost several times the insert itself); the score-sorted
-- columns of each import or append live in "Segment", with its example-id keys sorted. Datasets imported before are rebuilt from their rows on first start (lib/db/sqlite/upgrade.ts).

-- DropIndex
DROP INDEX "Prediction_datasetId_exampleId_idx";

-- DropIndex
DROP INDEX "Prediction_datasetId_timestamp_idx";

-- DropTable
DROP TABLE "ScoreOrder";

-- DropTable
DROP TABLE "ScoreTable";

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN "sliceValues" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Dataset" ADD COLUMN "summaryVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Import" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'import';
ALTER TABLE "Import" ADD COLUMN "firstId" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Import" ADD COLUMN "lastId" INTEGER NOT NULL DEFAULT -1;

-- CreateTable
CREATE TABLE "Segment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "firstId" INTEGER NOT NULL,
    "lastId" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "offsets" BLOB NOT NULL,
    "scores" BLOB NOT NULL,
    "labels" BLOB NOT NULL,
    "times" BLOB,
    "slices" BLOB,
    "keys" BLOB,
    "keyOffsets" BLOB,
    CONSTRAINT "Segment_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabelChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "predictionId" INTEGER NOT NULL,
    "oldLabel" INTEGER,
    "newLabel" INTEGER,
    "reviewer" TEXT,
    "source" TEXT NOT NULL DEFAULT 'labels',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabelChange_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Segment_datasetId_idx" ON "Segment"("datasetId");

-- CreateIndex
CREATE INDEX "LabelChange_datasetId_predictionId_idx" ON "LabelChange"("datasetId", "predictionId");
