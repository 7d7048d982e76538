"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { nameFromFile } from "@/lib/ingest/detect";
import type { CsvEncoding } from "@/lib/ingest/encodings";
import { IngestError } from "@/lib/ingest/errors";
import { knownCoding } from "@/lib/ingest/labels";
import { distinctValues, previewCsv, type CsvPreview } from "@/lib/ingest/preview";
import type { ErrorDetail } from "@/lib/http";
import { formatBytes } from "@/lib/format";
import { EncodingSelect } from "./encoding-select";
import { MappingEditor } from "./mapping-editor";
import { PreviewTable } from "./preview-table";
import { readSample, sampleText, type FileSample } from "./read-sample";
import { listed, progressText } from "./upload-words";
import { UploadErrors } from "./upload-errors";
import { UploadFailed, uploadDataset, uploadZip, type MappingChoice, type UploadProgress } from "./upload-request";

interface Chosen {
  file: File;
  sample: FileSample;
  preview: CsvPreview;
}

function choiceFrom(file: File, preview: CsvPreview, encoding: CsvEncoding): MappingChoice {
  const m = preview.mapping;
  return { name: nameFromFile(file.name), label: m.label ?? "", score: m.score ?? "", id: m.id ?? "", timestamp: m.timestamp ?? "", text: m.text ?? "", image: m.image ?? "", slices: m.slices, positive: "", encoding };
}

/** Pick or drop a file, check the detected columns on a preview, upload with progress. */
export function UploadForm() {
  const router = useRouter();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [choice, setChoice] = useState<MappingChoice | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [failure, setFailure] = useState<{ message: string; details: ErrorDetail[] } | null>(null);
  const [dragging, setDragging] = useState(false);
  /** A .zip (a CSV and its images) skips the preview: its columns are detected on the server. */
  const [zipFile, setZipFile] = useState<File | null>(null);
  const [zipEncoding, setZipEncoding] = useState<CsvEncoding>("utf-8");
  /** The CSV's first bytes and the encoding they are read in (kept to read them again in another). */
  const [sampled, setSampled] = useState<{ file: File; sample: FileSample; encoding: CsvEncoding } | null>(null);
  const dropZone = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = progress !== null;

  // Errors appear next to the file: bring them into view when the import button is far below.
  useEffect(() => {
    if (failure) dropZone.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [failure]);

  async function choose(file: File | undefined) {
    if (!file) return;
    setFailure(null);
    setChosen(null);
    setChoice(null);
    setSampled(null);
    setZipFile(null);
    if (/\.zip$/i.test(file.name)) {
      setZipFile(file);
      return;
    }
    try {
      const sample = await readSample(file);
      show(file, sample, sample.utf8 ? "utf-8" : "windows-1252");
    } catch (error) {
      fail(error);
    }
  }

  function fail(error: unknown) {
    const message = error instanceof IngestError ? error.message : `the file cannot be read as CSV (${(error as Error).message})`;
    setFailure({ message, details: error instanceof IngestError ? error.details : [] });
  }

  /** Previews the sample read in `encoding` (again when the encoding changes). */
  function show(file: File, sample: FileSample, encoding: CsvEncoding) {
    setFailure(null);
    setSampled({ file, sample, encoding });
    try {
      const preview = previewCsv(sampleText(sample, encoding), sample.complete);
      setChosen({ file, sample, preview });
      setChoice((previous) => ({ ...choiceFrom(file, preview, encoding), ...(previous ? { name: previous.name, model: previous.model, version: previous.version } : {}) }));
    } catch (error) {
      setChosen(null);
      setChoice(null);
      fail(error);
    }
  }

  const chosenLabel = choice?.label ?? "";
  const labelValues = useMemo(() => {
    if (!chosen || !chosenLabel) return [];
    return distinctValues(chosen.preview.rows, chosen.preview.columns.indexOf(chosenLabel), 20);
  }, [chosen, chosenLabel]);
  const labelCodingKnown = labelValues.length === 0 || knownCoding(labelValues) !== null;
  const missing = !choice ? [] : [!choice.label && "a label column", !choice.score && "a score column", !labelCodingKnown && !choice.positive && labelValues.length <= 2 && "the positive class"].filter((x): x is string => Boolean(x));
  // What the preview already shows would refuse the file: say it before anything is sent.
  const blocker =
    choice && labelValues.length > 2
      ? `The label column “${choice.label}” has ${labelValues.length}${labelValues.length === 20 ? " or more" : ""} different values in the first rows (${labelValues.slice(0, 6).join(", ")}${labelValues.length > 6 ? ", …" : ""}); a label needs exactly two, one for each class. Choose another label column, or fix the file.`
      : null;

  async function upload() {
    const file = zipFile ?? chosen?.file;
    if (!file || (!zipFile && !choice)) return;
    setFailure(null);
    setProgress({ phase: "uploading", sentBytes: 0, totalBytes: file.size, rows: 0 });
    try {
      const id = zipFile ? await uploadZip(zipFile, zipFile.name.replace(/\.zip$/i, ""), zipEncoding, setProgress) : await uploadDataset(file, choice!, chosen!.sample.compressed, setProgress);
      router.push(`/datasets/${id}?imported=1`);
    } catch (error) {
      setProgress(null);
      setFailure(error instanceof UploadFailed ? { message: error.message, details: error.details } : { message: (error as Error).message, details: [] });
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (busy) return;
    // Show the dropped file in the file input too (not "No file chosen").
    if (fileInput.current && event.dataTransfer.files.length) fileInput.current.files = event.dataTransfer.files;
    void choose(event.dataTransfer.files[0]);
  }

  const progressBar = progress ? (
    <div className="upload-progress" aria-live="polite">
      <label htmlFor="upload-bar">{progress.phase === "uploading" ? "Uploading" : "Importing"}</label>
      {progress.phase === "uploading" ? <progress id="upload-bar" max={progress.totalBytes || 1} value={progress.sentBytes} /> : <progress id="upload-bar" />}
      <p className="small muted">{progressText(progress)}</p>
    </div>
  ) : null;

  return (
    <div className="stack">
      <div
        ref={dropZone}
        className={`card upload-drop${dragging ? " upload-drop-active" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop a CSV file here (.csv, .tsv or .csv.gz, or a .zip holding a CSV and the images it names), or choose one:</p>
        <p className="small muted">
          New to this? <a href="/cutoff-template.csv" download>Download a template CSV</a> · <Link href="/help/csv">the format rules</Link>
        </p>
        <label htmlFor="csv-file" className="upload-file-label">CSV file</label>
        <input id="csv-file" ref={fileInput} type="file" accept=".csv,.tsv,.txt,.gz,.zip,text/csv,text/tab-separated-values,application/gzip,application/zip" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
        {chosen ? (
          <p className="small muted" aria-live="polite">
            {chosen.file.name} · {formatBytes(chosen.file.size)}
            {chosen.sample.compressed ? " · gzip" : ""} · {chosen.preview.columns.length} columns
          </p>
        ) : null}
        {sampled ? <EncodingSelect value={sampled.encoding} notUtf8={!sampled.sample.utf8} disabled={busy} onChange={(encoding) => show(sampled.file, sampled.sample, encoding)} /> : null}
        {failure ? <UploadErrors message={failure.message} details={failure.details} /> : null}
      </div>

      {zipFile ? (
        <div className="card">
          <h2>{zipFile.name}</h2>
          <p className="muted">
            A .zip archive ({formatBytes(zipFile.size)}): Cutoff imports the CSV inside with the columns it detects, and stores the
            images (PNG, JPEG, GIF, WebP) that its rows name, to show them in the gallery.
          </p>
          <EncodingSelect value={zipEncoding} notUtf8={false} disabled={busy} onChange={setZipEncoding} />
          {progressBar}
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void upload()}>
            Import archive
          </button>
        </div>
      ) : null}

      {chosen && choice ? (
        <div className="upload-layout">
          <div className="card">
            <MappingEditor columns={chosen.preview.columns} choice={choice} labelValues={labelValues} labelCodingKnown={labelCodingKnown} onChange={setChoice} disabled={busy} />
            {progressBar}
            <button type="button" className="button button-primary" disabled={busy || missing.length > 0 || blocker !== null} onClick={() => void upload()} aria-describedby="import-blocked">
              Import dataset
            </button>
            <div id="import-blocked">
              {blocker ? <p className="alert alert-error small" role="alert">{blocker}</p> : missing.length ? <p className="small muted">Choose {listed(missing)} to import.</p> : null}
            </div>
          </div>
          <div className="card">
            <h2>First rows</h2>
            <PreviewTable columns={chosen.preview.columns} rows={chosen.preview.rows} choice={choice} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
