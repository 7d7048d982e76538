-- The PostgreSQL twin of this migration replaces the foreign key of "Prediction"."datasetId" by
-- the writers' locks and a cascading trigger (PostgreSQL checks a foreign key row by row, which
-- dominated its COPY), and stores the segments' columns without compression. SQLite keeps its
-- foreign key and ON DELETE CASCADE, which mean the same, and never compresses blobs: nothing
-- changes here.
SELECT 1;
