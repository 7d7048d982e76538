-- CreateTable
CREATE TABLE "Dataset" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "modelName" TEXT,
    "modelVersion" TEXT,
    "sourceFile" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "positives" INTEGER NOT NULL DEFAULT 0,
    "negatives" INTEGER NOT NULL DEFAULT 0,
    "unlabeled" INTEGER NOT NULL DEFAULT 0,
    "positiveLabel" TEXT NOT NULL DEFAULT '1',
    "negativeLabel" TEXT NOT NULL DEFAULT '0',
    "mapping" TEXT NOT NULL DEFAULT '{}',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "scoreMin" DOUBLE PRECISION,
    "scoreMax" DOUBLE PRECISION,
    "rocAuc" DOUBLE PRECISION,
    "averagePrecision" DOUBLE PRECISION,
    "brier" DOUBLE PRECISION,
    "timestampMin" TIMESTAMP(3),
    "timestampMax" TIMESTAMP(3),
    "isDemo" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prediction" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "row" INTEGER NOT NULL,
    "label" INTEGER,
    "score" DOUBLE PRECISION NOT NULL,
    "exampleId" TEXT,
    "timestamp" TIMESTAMP(3),
    "text" TEXT,
    "image" TEXT,
    "slices" TEXT,
    "extras" TEXT,

    CONSTRAINT "Prediction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoreTable" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "sliceColumn" TEXT NOT NULL DEFAULT '',
    "sliceValue" TEXT NOT NULL DEFAULT '',
    "positives" INTEGER NOT NULL,
    "negatives" INTEGER NOT NULL,
    "scores" BYTEA NOT NULL,
    "posCounts" BYTEA NOT NULL,
    "negCounts" BYTEA NOT NULL,

    CONSTRAINT "ScoreTable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Import" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "sourceFile" TEXT,
    "mapping" TEXT NOT NULL DEFAULT '{}',
    "rows" INTEGER NOT NULL,
    "positives" INTEGER NOT NULL,
    "negatives" INTEGER NOT NULL,
    "unlabeled" INTEGER NOT NULL DEFAULT 0,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT '#0072B2',
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExampleTag" (
    "id" SERIAL NOT NULL,
    "predictionId" INTEGER NOT NULL,
    "tagId" INTEGER NOT NULL,
    "reviewer" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExampleTag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Note" (
    "id" SERIAL NOT NULL,
    "predictionId" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "reviewer" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Dataset_createdAt_idx" ON "Dataset"("createdAt");

-- CreateIndex
CREATE INDEX "Dataset_modelName_modelVersion_idx" ON "Dataset"("modelName", "modelVersion");

-- CreateIndex
CREATE INDEX "Prediction_datasetId_score_idx" ON "Prediction"("datasetId", "score");

-- CreateIndex
CREATE INDEX "Prediction_datasetId_exampleId_idx" ON "Prediction"("datasetId", "exampleId");

-- CreateIndex
CREATE INDEX "Prediction_datasetId_timestamp_idx" ON "Prediction"("datasetId", "timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "ScoreTable_datasetId_sliceColumn_sliceValue_key" ON "ScoreTable"("datasetId", "sliceColumn", "sliceValue");

-- CreateIndex
CREATE INDEX "Import_datasetId_idx" ON "Import"("datasetId");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_datasetId_name_key" ON "Tag"("datasetId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ExampleTag_predictionId_tagId_key" ON "ExampleTag"("predictionId", "tagId");

-- CreateIndex
CREATE INDEX "ExampleTag_tagId_idx" ON "ExampleTag"("tagId");

-- CreateIndex
CREATE INDEX "Note_predictionId_idx" ON "Note"("predictionId");

-- CreateIndex
CREATE UNIQUE INDEX "Scenario_datasetId_name_key" ON "Scenario"("datasetId", "name");

-- AddForeignKey
ALTER TABLE "Prediction" ADD CONSTRAINT "Prediction_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreTable" ADD CONSTRAINT "ScoreTable_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExampleTag" ADD CONSTRAINT "ExampleTag_predictionId_fkey" FOREIGN KEY ("predictionId") REFERENCES "Prediction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExampleTag" ADD CONSTRAINT "ExampleTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Note" ADD CONSTRAINT "Note_predictionId_fkey" FOREIGN KEY ("predictionId") REFERENCES "Prediction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
