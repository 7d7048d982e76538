-- Monitoring (issue 14): the alerts raised by a dataset's rules, one per rule and period, with
-- their webhook delivery.

-- CreateTable
CREATE TABLE "Alert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "message" TEXT NOT NULL,
    "rule" TEXT NOT NULL DEFAULT '{}',
    "details" TEXT NOT NULL DEFAULT '{}',
    "threshold" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" DATETIME,
    "webhookStatus" TEXT NOT NULL DEFAULT 'none',
    "webhookAttempts" INTEGER NOT NULL DEFAULT 0,
    "webhookError" TEXT,
    "deliveredAt" DATETIME,
    CONSTRAINT "Alert_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_datasetId_key_key" ON "Alert"("datasetId", "key");
