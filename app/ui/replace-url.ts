/**
 * Mirrors view state into the URL in place (no navigation, no server round trip), `delayMs` after
 * the state last changed. Returns the canceller for an effect's cleanup.
 *
 * A history write while a navigation is in flight cancels it (a click on a tab right after the
 * page mounted stayed on the page), so nothing is written when the URL would not change or the
 * user has moved to another page.
 */
export function replaceUrlLater(edit: (url: URL) => void, delayMs: number): () => void {
  const pathname = window.location.pathname;
  const id = setTimeout(() => {
    const url = new URL(window.location.href);
    if (url.pathname !== pathname) return;
    edit(url);
    if (url.href === window.location.href) return;
    // A null state (not Next's own, which carries __NA) makes Next sync useSearchParams, so the
    // tabs' links carry the new value.
    window.history.replaceState(null, "", url);
  }, delayMs);
  return () => clearTimeout(id);
}
