-- Every write that changes a dataset's rows or labels bumps its version; caches of anything
-- computed from the rows are keyed by (dataset id, version).
-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
