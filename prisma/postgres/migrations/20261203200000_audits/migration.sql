-- Manual audits (issue 15): a recorded stratified design per audit and its drawn rows with their
-- inclusion probabilities, queue order, holds and labels. The frame an audit was drawn from is
-- not copied: it is frozen by lastPredictionId, lastLabelChangeId and the window (see schema.prisma).

-- CreateTable
CREATE TABLE "Audit" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "size" INTEGER NOT NULL,
    "frameRows" INTEGER NOT NULL,
    "lastPredictionId" INTEGER NOT NULL,
    "lastLabelChangeId" INTEGER NOT NULL DEFAULT 0,
    "windowFrom" TIMESTAMP(3),
    "windowTo" TIMESTAMP(3),
    "frameTimeMin" TIMESTAMP(3),
    "frameTimeMax" TIMESTAMP(3),
    "design" TEXT NOT NULL DEFAULT '{}',
    "revision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditItem" (
    "id" SERIAL NOT NULL,
    "auditId" INTEGER NOT NULL,
    "predictionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "stratum" INTEGER NOT NULL,
    "inclusionProbability" DOUBLE PRECISION NOT NULL,
    "queueOrder" INTEGER NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "doubleReview" BOOLEAN NOT NULL DEFAULT false,
    "label" INTEGER,
    "reviewer" TEXT,
    "labeledAt" TIMESTAMP(3),
    "secondLabel" INTEGER,
    "secondReviewer" TEXT,
    "secondLabeledAt" TIMESTAMP(3),
    "heldBy" TEXT,
    "heldUntil" TIMESTAMP(3),
    "skippedBy" TEXT,
    "skips" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AuditItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Audit_datasetId_idx" ON "Audit"("datasetId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditItem_auditId_queueOrder_key" ON "AuditItem"("auditId", "queueOrder");

-- CreateIndex
CREATE UNIQUE INDEX "AuditItem_auditId_predictionId_key" ON "AuditItem"("auditId", "predictionId");

-- AddForeignKey
ALTER TABLE "Audit" ADD CONSTRAINT "Audit_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditItem" ADD CONSTRAINT "AuditItem_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
