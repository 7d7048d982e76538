/** Joins text lines into UTF-8 chunks of about `chunkBytes`, as a file stream would deliver them. */
export async function* textChunks(lines: Iterable<string> | AsyncIterable<string>, chunkBytes = 64 * 1024): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let buffered = "";
  for await (const line of lines) {
    buffered += line;
    if (buffered.length >= chunkBytes) {
      yield encoder.encode(buffered);
      buffered = "";
    }
  }
  if (buffered) yield encoder.encode(buffered);
}
