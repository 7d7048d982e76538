/**
 * The browser's one way to call Cutoff's API: JSON in and out, and errors as sentences a person
 * can act on. A lost connection ("Failed to fetch", "NetworkError…", "Load failed") becomes
 * "<what failed>: the server could not be reached. Check your connection, then try again.";
 * an error answer carries the server's own message.
 */
export class RequestFailed extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
  }
}

/** The sentence for a request that never reached the server. */
export function unreachableMessage(what: string): string {
  return `${capitalizeFirst(what)}: the server could not be reached. Check your connection, then try again.`;
}

const capitalizeFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Sends a request and returns its JSON body (null for 204). `what` names the action for messages,
 * e.g. "the false negatives could not be loaded". An aborted request rethrows the AbortError.
 */
export async function requestJson<T>(url: string, init: RequestInit = {}, what = "the request failed"): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { "Content-Type": "application/json", ...init.headers } });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new RequestFailed(unreachableMessage(what), null);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    const reason = body?.error?.message ?? `the server answered ${response.status}`;
    throw new RequestFailed(`${capitalizeFirst(what)}: ${reason}.`.replace(/\.\.$/, "."), response.status);
  }
  return (response.status === 204 ? null : await response.json()) as T;
}
