/**
 * Mirrors view state into the URL in place (no navigation, no server round trip), `delayMs` after
 * the state last changed, so a drag writes history once, not sixty times a second.
 *
 * Two races with Next's client navigation are closed here:
 * - A history write while a navigation is in flight cancels it (a tab clicked right after a drag
 *   stayed on the page). So a click on any link first writes what is pending, before the link's
 *   own handler starts the navigation; and a write whose page has been left is dropped.
 * - A link rendered from the URL carries the value from before a pending write: links that must
 *   carry the view (the dataset tabs) read the URL again when clicked, after the flush.
 */

interface PendingWrite {
  pathname: string;
  edit: (url: URL) => void;
  timer: ReturnType<typeof setTimeout>;
}

const pending = new Set<PendingWrite>();
let watching = false;

function write(entry: PendingWrite): void {
  pending.delete(entry);
  clearTimeout(entry.timer);
  const url = new URL(window.location.href);
  if (url.pathname === entry.pathname) {
    entry.edit(url);
    // A null state (not Next's own, which carries __NA) makes Next sync useSearchParams, so the
    // tabs' links carry the new value.
    if (url.href !== window.location.href) window.history.replaceState(null, "", url);
  }
}

/** Writes everything pending now: before a link starts a navigation, or before the page goes. */
function flushUrlWrites(): void {
  for (const entry of [...pending]) write(entry);
}

function watchNavigations(): void {
  if (watching) return;
  watching = true;
  // Capture on the window runs before React's listeners on its root, so before next/link's.
  window.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a[href]")) flushUrlWrites();
  }, true);
  window.addEventListener("pagehide", flushUrlWrites);
}

/** Schedules `edit` of the URL `delayMs` from now; returns the canceller for an effect's cleanup. */
export function replaceUrlLater(edit: (url: URL) => void, delayMs: number): () => void {
  watchNavigations();
  const entry: PendingWrite = { pathname: window.location.pathname, edit, timer: setTimeout(() => write(entry), delayMs) };
  pending.add(entry);
  return () => {
    pending.delete(entry);
    clearTimeout(entry.timer);
  };
}
