import type { CsvEncoding } from "@/lib/ingest/encodings";
import type { ErrorBody, ErrorDetail } from "@/lib/http";

/** The roles chosen on the mapping step ("" = none), as the API's query parameters expect. */
export interface MappingChoice {
  name: string;
  label: string;
  score: string;
  id: string;
  timestamp: string;
  text: string;
  image: string;
  slices: string[];
  /** "" lets the server use a well-known coding (1/0, true/false, yes/no). */
  positive: string;
  encoding: CsvEncoding;
  /** The model and version that scored the file (e.g. "fraud", "int8"); "" = none. */
  model?: string;
  version?: string;
}

export interface UploadProgress {
  phase: "uploading" | "processing";
  sentBytes: number;
  totalBytes: number;
  rows: number;
}

export class UploadFailed extends Error {
  constructor(message: string, readonly details: ErrorDetail[]) {
    super(message);
  }
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Streams the file to POST /api/datasets (the browser reads it from disk as it sends), reporting
 * bytes sent, then rows processed (polled from /api/imports/<key>). Resolves with the dataset id.
 */
export function uploadDataset(file: File, choice: MappingChoice, compressed: boolean, onProgress: (p: UploadProgress) => void): Promise<number> {
  const key = randomKey();
  const params = new URLSearchParams({ name: choice.name, label: choice.label, score: choice.score, id: choice.id, timestamp: choice.timestamp, text: choice.text, image: choice.image, encoding: choice.encoding, progress: key, filename: file.name });
  if (choice.slices.length) for (const s of choice.slices) params.append("slice", s);
  else params.append("slice", "");
  if (choice.positive) params.set("positive", choice.positive);
  if (choice.model?.trim()) {
    params.set("model", choice.model.trim());
    if (choice.version?.trim()) params.set("version", choice.version.trim());
  }
  return sendFile(`/api/datasets?${params}`, file, compressed ? "application/gzip" : "text/csv", key, onProgress);
}

/**
 * Sends a .zip (one CSV and the images it names) to POST /api/datasets/zip; its columns are
 * detected on the server. Resolves with the dataset id.
 */
export function uploadZip(file: File, name: string, encoding: CsvEncoding, onProgress: (p: UploadProgress) => void): Promise<number> {
  const params = new URLSearchParams({ filename: file.name, encoding });
  if (name) params.set("name", name);
  return sendFile(`/api/datasets/zip?${params}`, file, "application/zip", null, onProgress);
}

function sendFile(url: string, file: File, contentType: string, key: string | null, onProgress: (p: UploadProgress) => void): Promise<number> {
  let phase: UploadProgress["phase"] = "uploading";
  let sentBytes = 0;
  let rows = 0;
  const emit = () => onProgress({ phase, sentBytes, totalBytes: file.size, rows });
  const poll = setInterval(async () => {
    if (!key) return;
    try {
      const response = await fetch(`/api/imports/${key}`, { cache: "no-store" });
      if (response.ok) {
        rows = ((await response.json()) as { rows: number }).rows;
        emit();
      }
    } catch {
      // the next poll will tell
    }
  }, 400);
  return new Promise<number>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", contentType);
    xhr.upload.onprogress = (event) => {
      sentBytes = event.loaded;
      if (event.loaded >= file.size) phase = "processing";
      emit();
    };
    xhr.upload.onload = () => {
      phase = "processing";
      sentBytes = file.size;
      emit();
    };
    xhr.onload = () => {
      clearInterval(poll);
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below
      }
      if (xhr.status === 201 && body && typeof (body as { id?: unknown }).id === "number") {
        resolve((body as { id: number }).id);
        return;
      }
      const error = (body as ErrorBody | null)?.error;
      reject(new UploadFailed(error?.message ?? `the server answered ${xhr.status}`, error?.details ?? []));
    };
    xhr.onerror = () => {
      clearInterval(poll);
      reject(new UploadFailed("the upload failed: the connection to the server was lost", []));
    };
    xhr.send(file);
  });
}
