/**
 * Polls GET /api/health one request after another while something else runs, and reports the
 * slowest answer: how long the server's event loop was held up (plus one round trip).
 */
export function watchHealth(baseUrl: string): { stop: () => Promise<{ maxMs: number; requests: number }> } {
  let running = true;
  let maxMs = 0;
  let requests = 0;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      const response = await fetch(`${baseUrl}/api/health`);
      await response.arrayBuffer();
      maxMs = Math.max(maxMs, performance.now() - start);
      requests++;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { maxMs: Math.round(maxMs), requests };
    },
  };
}
