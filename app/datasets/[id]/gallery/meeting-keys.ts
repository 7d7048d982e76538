/** What a key press does in meeting mode; null for keys it leaves alone. */
export type MeetingAction =
  | { type: "next" }
  | { type: "previous" }
  | { type: "tag"; index: number }
  | { type: "switch-kind" }
  | { type: "new-tag" }
  | { type: "note" }
  | { type: "leave" };

/** Maps a key to its meeting-mode action: ←/→ move, 1–9 tag, f switch FP/FN, t new tag, n note, Esc leave. */
export function meetingAction(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): MeetingAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === "ArrowRight") return { type: "next" };
  if (event.key === "ArrowLeft") return { type: "previous" };
  if (event.key === "Escape") return { type: "leave" };
  if (/^[1-9]$/.test(event.key)) return { type: "tag", index: Number(event.key) - 1 };
  if (event.key === "f" || event.key === "F") return { type: "switch-kind" };
  if (event.key === "t" || event.key === "T") return { type: "new-tag" };
  if (event.key === "n" || event.key === "N") return { type: "note" };
  return null;
}
