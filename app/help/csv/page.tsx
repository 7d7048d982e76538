import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "CSV format" };

/** The CSV format rules in short, for people uploading from the browser (the README has the full text). */
export default function CsvHelpPage() {
  return (
    <article className="card stack help" aria-labelledby="csv-help">
      <h1 id="csv-help">The CSV format</h1>
      <p>
        One row per example, with a header row. Two columns are needed: the <strong>label</strong> (what the example really is) and the{" "}
        <strong>score</strong> (the model&apos;s probability that it is positive, a number from 0 to 1). Everything else is optional and kept.{" "}
        <a href="/cutoff-template.csv" download>Download a template</a>.
      </p>
      <h2>Columns Cutoff recognises</h2>
      <ul>
        <li><strong>Label</strong>: <code>label</code>, <code>y_true</code>, <code>target</code>, <code>is_…</code>. Two values: 1/0, true/false, yes/no, or any two words (then choose which is positive). An empty cell means “not labelled yet”.</li>
        <li><strong>Score</strong>: <code>score</code>, <code>prob…</code>, <code>…_probability</code>. Numbers from 0 to 1.</li>
        <li><strong>Id</strong>, <strong>timestamp</strong> (ISO 8601 such as <code>2026-11-02T10:00:00Z</code>, or Unix time), <strong>text</strong>, <strong>image</strong> (URL or a file in the same .zip) and <strong>slices</strong> (categories such as country, at most 50 values).</li>
      </ul>
      <p>With timestamps, Cutoff knows how many rows arrive a day; without them, enter your real volume on the Daily impact tab.</p>
      <h2>The file</h2>
      <ul>
        <li>Comma, semicolon or tab separated; UTF-8; quotes may hold commas and line breaks; a <code>.csv.gz</code> is unpacked.</li>
        <li>All or nothing: a score that is not a number or is outside 0–1, a third label value or a row with too many fields refuses the whole file, with the rows to fix. Nothing is kept from a refused file.</li>
        <li>Up to 2 GB; a million rows import in a few seconds.</li>
      </ul>
      <p><Link href="/upload">Back to the upload</Link></p>
    </article>
  );
}
