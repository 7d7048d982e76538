import type { Example } from "./types";
import { toCsv } from "../export/csv";

/**
 * The gallery's examples as CSV: the fixed columns, then the slice and extra columns by name,
 * then the tags (names joined by "; ") and the notes ("reviewer: text", joined by " | ").
 */
export function examplesToCsv(kind: string, layout: { slices: string[]; extras: string[] }, items: Example[]): string {
  const header = ["row", "example_id", "outcome", "label", "score", "distance_to_threshold", "timestamp", "text", "image", ...layout.slices, ...layout.extras, "tags", "notes"];
  const rows = items.map((e) => [
    e.row, e.exampleId, kind, e.label, e.score, Number(e.distance.toFixed(6)), e.timestamp, e.text, e.image,
    ...layout.slices.map((c) => e.slices[c]), ...layout.extras.map((c) => e.extras[c]),
    e.tags.map((t) => t.name).join("; "),
    e.notes.map((n) => (n.reviewer ? `${n.reviewer}: ${n.body}` : n.body)).join(" | "),
  ]);
  return toCsv(header, rows);
}
