-- Models and versions (issue 16): facts about each version's artefact (format, size, latency, the
-- threshold it runs at, notes). Datasets point at a version by "Dataset"."modelName" and "modelVersion".

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" SERIAL NOT NULL,
    "modelName" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "format" TEXT,
    "sizeMb" DOUBLE PRECISION,
    "latencyMs" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_modelName_version_key" ON "ModelVersion"("modelName", "version");
