/** What a key press does in meeting mode; null for keys it leaves alone. */
export type MeetingAction =
  | { type: "next" }
  | { type: "previous" }
  | { type: "tag"; index: number }
  | { type: "undo" }
  | { type: "switch-kind" }
  | { type: "new-tag" }
  | { type: "note" }
  | { type: "leave" };

/**
 * Maps a key to its meeting-mode action: → / PageDown / Space next, ← / PageUp / Shift+Space
 * previous (presenter clickers send PageDown and PageUp), 1–9 tag, u undo the last tag change,
 * f switch false alarms / misses, t new tag, n note, Esc leave.
 */
export function meetingAction(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey?: boolean }): MeetingAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === " ") return event.shiftKey ? { type: "previous" } : { type: "next" };
  if (event.key === "ArrowRight" || event.key === "PageDown") return { type: "next" };
  if (event.key === "ArrowLeft" || event.key === "PageUp") return { type: "previous" };
  if (event.key === "Escape") return { type: "leave" };
  if (/^[1-9]$/.test(event.key)) return { type: "tag", index: Number(event.key) - 1 };
  if (event.key === "u" || event.key === "U") return { type: "undo" };
  if (event.key === "f" || event.key === "F") return { type: "switch-kind" };
  if (event.key === "t" || event.key === "T") return { type: "new-tag" };
  if (event.key === "n" || event.key === "N") return { type: "note" };
  return null;
}
