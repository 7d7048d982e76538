-- The link of a Prediction to its Dataset without a foreign key: PostgreSQL checks a foreign key
-- row by row (a lookup of the dataset for every inserted row), which cost about 3 µs a row, three
-- times the server's whole work of a COPY of a million rows (measured by bench/pg-copy.ts). The
-- meaning is kept: rows are only written by the batch writers (lib/db/postgres/batch-writer.ts),
-- which create or lock their dataset's row first, and deleting a dataset deletes its rows, as ON
-- DELETE CASCADE did, through the trigger below (over the dataset's batch id ranges: there is no
-- index on "datasetId"). SQLite keeps its foreign key (its check is cheap there).

-- DropForeignKey
ALTER TABLE "Prediction" DROP CONSTRAINT "Prediction_datasetId_fkey";

-- CreateFunction
CREATE FUNCTION "Prediction_delete_with_dataset"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Prediction" p USING "Import" b
   WHERE b."datasetId" = OLD."id" AND b."lastId" >= b."firstId"
     AND p."id" BETWEEN b."firstId" AND b."lastId" AND p."datasetId" = OLD."id";
  RETURN OLD;
END
$$;

-- CreateTrigger
CREATE TRIGGER "Prediction_datasetId_cascade" BEFORE DELETE ON "Dataset"
  FOR EACH ROW EXECUTE FUNCTION "Prediction_delete_with_dataset"();

-- A segment's columns are megabytes of numbers that barely compress: stored out of line without
-- trying to compress them (TOAST's default tried pglz on each, about 1 s per million rows).
-- AlterTable
ALTER TABLE "Segment" ALTER COLUMN "offsets" SET STORAGE EXTERNAL,
ALTER COLUMN "scores" SET STORAGE EXTERNAL,
ALTER COLUMN "labels" SET STORAGE EXTERNAL,
ALTER COLUMN "times" SET STORAGE EXTERNAL,
ALTER COLUMN "slices" SET STORAGE EXTERNAL,
ALTER COLUMN "keys" SET STORAGE EXTERNAL,
ALTER COLUMN "keyOffsets" SET STORAGE EXTERNAL;
