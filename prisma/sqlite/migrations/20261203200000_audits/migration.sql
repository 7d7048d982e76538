-- Manual audits (issue 15): a recorded stratified design per audit and its drawn rows with their
-- inclusion probabilities, queue order, holds and labels. The frame an audit was drawn from is
-- not copied: it is frozen by lastPredictionId, lastLabelChangeId and the window (see schema.prisma).

-- CreateTable
CREATE TABLE "Audit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "size" INTEGER NOT NULL,
    "frameRows" INTEGER NOT NULL,
    "lastPredictionId" INTEGER NOT NULL,
    "lastLabelChangeId" INTEGER NOT NULL DEFAULT 0,
    "windowFrom" DATETIME,
    "windowTo" DATETIME,
    "frameTimeMin" DATETIME,
    "frameTimeMax" DATETIME,
    "design" TEXT NOT NULL DEFAULT '{}',
    "revision" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Audit_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "auditId" INTEGER NOT NULL,
    "predictionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "stratum" INTEGER NOT NULL,
    "inclusionProbability" REAL NOT NULL,
    "queueOrder" INTEGER NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "doubleReview" BOOLEAN NOT NULL DEFAULT false,
    "label" INTEGER,
    "reviewer" TEXT,
    "labeledAt" DATETIME,
    "secondLabel" INTEGER,
    "secondReviewer" TEXT,
    "secondLabeledAt" DATETIME,
    "heldBy" TEXT,
    "heldUntil" DATETIME,
    "skippedBy" TEXT,
    "skips" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "AuditItem_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Audit_datasetId_idx" ON "Audit"("datasetId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditItem_auditId_queueOrder_key" ON "AuditItem"("auditId", "queueOrder");

-- CreateIndex
CREATE UNIQUE INDEX "AuditItem_auditId_predictionId_key" ON "AuditItem"("auditId", "predictionId");
