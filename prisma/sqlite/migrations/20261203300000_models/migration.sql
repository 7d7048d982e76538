-- Models and versions (issue 16): facts about each version's artefact (format, size, latency, the
-- threshold it runs at, notes). Datasets point at a version by "Dataset"."modelName" and "modelVersion".

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "modelName" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "format" TEXT,
    "sizeMb" REAL,
    "latencyMs" REAL,
    "threshold" REAL,
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_modelName_version_key" ON "ModelVersion"("modelName", "version");
