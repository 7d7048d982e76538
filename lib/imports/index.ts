/**
 * lib/imports — the import pipeline, one home for every door: an HTTP upload (raw CSV, gzip,
 * multipart, zip with images), the CLI and the demo seed all end in `importCsv`, which queues
 * the import (one write at a time), reports progress, and runs the ingest core (lib/ingest) into
 * the backend's dataset writer (lib/db). Nothing here parses CSV or writes SQL.
 */
export { importCsv, prepareForImports, type ImportRequest } from "./import-csv";
export { serialized } from "./queue";
export { getImportProgress, trackImport, updateImport, PROGRESS_KEY, type ImportProgress } from "./progress";
export { importUpload, type ImportedDataset } from "./upload";
export { importZipUpload, type ImportedArchive } from "./zip-upload";
export { writeDemoDataset, DEMO_NAME } from "./demo";
