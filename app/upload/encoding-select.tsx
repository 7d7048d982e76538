"use client";

import type { CsvEncoding } from "@/lib/ingest/encodings";

const CHOICES: { value: CsvEncoding; title: string }[] = [
  { value: "utf-8", title: "UTF-8" },
  { value: "windows-1252", title: "Windows-1252 (Excel on Windows)" },
  { value: "latin1", title: "Latin-1 (ISO-8859-1)" },
];

interface Props {
  value: CsvEncoding;
  onChange: (encoding: CsvEncoding) => void;
  /** The file's first bytes are not valid UTF-8. */
  notUtf8: boolean;
  disabled: boolean;
}

/** The file's text encoding: sent as `encoding`, and used for the preview. */
export function EncodingSelect({ value, onChange, notUtf8, disabled }: Props) {
  return (
    <div className="upload-field upload-encoding">
      <label htmlFor="file-encoding">File encoding</label>
      <select id="file-encoding" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as CsvEncoding)}>
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.title}
          </option>
        ))}
      </select>
      {notUtf8 ? <p className="small muted">This file is not valid UTF-8: check that accented letters look right in the preview, or choose another encoding.</p> : null}
    </div>
  );
}
