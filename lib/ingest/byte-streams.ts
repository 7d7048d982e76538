/** Small helpers over byte streams (AsyncIterators of Uint8Array) for the ingest core. */

/** Reads chunks from `iterator` until `bytes` are buffered or it ends. */
export async function readHead(iterator: AsyncIterator<Uint8Array>, bytes: number): Promise<{ head: Uint8Array[]; size: number; done: boolean }> {
  const head: Uint8Array[] = [];
  let size = 0;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) return { head, size, done: true };
    head.push(next.value);
    size += next.value.byteLength;
  }
  return { head, size, done: false };
}

/** The chunks already read, then the rest of the stream. */
export async function* chain(head: Uint8Array[], rest: AsyncIterator<Uint8Array>, restDone: boolean): AsyncGenerator<Uint8Array> {
  yield* head;
  if (restDone) return;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** The first `size` bytes of `chunks`, in one array. */
export function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    if (at >= size) break;
    const part = c.byteLength <= size - at ? c : c.subarray(0, size - at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** The stream, throwing `tooLarge()` as soon as more than `maxBytes` came through. */
export async function* limited(iterator: AsyncIterator<Uint8Array>, maxBytes: number, tooLarge: () => Error): AsyncGenerator<Uint8Array> {
  let seen = 0;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    seen += next.value.byteLength;
    if (seen > maxBytes) throw tooLarge();
    yield next.value;
  }
}
