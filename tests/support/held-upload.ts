/**
 * An upload body that stops halfway (at a line end) until `release()`: the server has then
 * written the first half of the rows in the import's open transaction and waits for the rest.
 */
export function heldUpload(csv: string): { body: ReadableStream<Uint8Array>; release: () => void } {
  const bytes = new TextEncoder().encode(csv);
  const half = bytes.indexOf(10, bytes.length >> 1) + 1;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (let at = 0; at < half; at += 1 << 16) controller.enqueue(bytes.subarray(at, Math.min(half, at + (1 << 16))));
      await released;
      controller.enqueue(bytes.subarray(half));
      controller.close();
    },
  });
  return { body, release };
}

/** Polls an import's progress (GET /api/imports/:key) until `until` holds for it; false after `timeoutMs`. */
export async function waitForProgress(baseUrl: string, key: string, until: (p: { phase?: string; rows?: number }) => boolean, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/imports/${key}`, { headers }).catch(() => null);
    if (response?.ok && until((await response.json()) as { phase?: string; rows?: number })) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}
