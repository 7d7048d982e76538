-- Monitoring (issue 14): the alerts raised by a dataset's rules, one per rule and period, with
-- their webhook delivery.

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "message" TEXT NOT NULL,
    "rule" TEXT NOT NULL DEFAULT '{}',
    "details" TEXT NOT NULL DEFAULT '{}',
    "threshold" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMP(3),
    "webhookStatus" TEXT NOT NULL DEFAULT 'none',
    "webhookAttempts" INTEGER NOT NULL DEFAULT 0,
    "webhookError" TEXT,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_datasetId_key_key" ON "Alert"("datasetId", "key");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
