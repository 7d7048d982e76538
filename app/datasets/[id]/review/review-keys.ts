/** What a key press does on the Review tab; null for keys it leaves alone. */
export type ReviewAction = { type: "positive" } | { type: "negative" } | { type: "skip" } | { type: "undo" } | { type: "toggle-score" };

/**
 * Maps a key to its review action: p or 1 positive, n or 0 negative, s skip, u or Backspace undo
 * the last label or skip, v show or hide the score. Keys with Ctrl, Cmd or Alt are left to the
 * browser.
 */
export function reviewAction(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): ReviewAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case "p":
    case "P":
    case "1":
      return { type: "positive" };
    case "n":
    case "N":
    case "0":
      return { type: "negative" };
    case "s":
    case "S":
      return { type: "skip" };
    case "u":
    case "U":
    case "Backspace":
      return { type: "undo" };
    case "v":
    case "V":
      return { type: "toggle-score" };
    default:
      return null;
  }
}

/** Whether a key press belongs to a form field (typing), not to the review. */
export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.getAttribute("role") === "slider");
