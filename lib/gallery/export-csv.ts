import type { Example } from "./types";
import { csvLine } from "../export/csv";

type Layout = { slices: string[]; extras: string[] };

/** The export's header line: the fixed columns, the slice and extra columns by name, tags and notes. */
export function examplesCsvHeader(layout: Layout): string {
  return csvLine(["row", "example_id", "outcome", "label", "score", "distance_to_threshold", "timestamp", "text", "image", ...layout.slices, ...layout.extras, "tags", "notes"]);
}

/** The export's lines of some examples (each ending in CRLF), in the header's column order. */
export function examplesCsvLines(kind: string, layout: Layout, items: Example[]): string {
  let text = "";
  for (const e of items) {
    text += csvLine([
      e.row, e.exampleId, kind, e.label, e.score, Number(e.distance.toFixed(6)), e.timestamp, e.text, e.image,
      ...layout.slices.map((c) => e.slices[c]), ...layout.extras.map((c) => e.extras[c]),
      e.tags.map((t) => t.name).join("; "),
      e.notes.map((n) => (n.reviewer ? `${n.reviewer}: ${n.body}` : n.body)).join(" | "),
    ]);
  }
  return text;
}

/**
 * The gallery's examples as CSV: the fixed columns, then the slice and extra columns by name,
 * then the tags (names joined by "; ") and the notes ("reviewer: text", joined by " | ").
 */
export function examplesToCsv(kind: string, layout: Layout, items: Example[]): string {
  return examplesCsvHeader(layout) + examplesCsvLines(kind, layout, items);
}
