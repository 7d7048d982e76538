/** Whether this machine stores numbers little-endian (every platform Node runs on today). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Sorts non-negative doubles (e.g. 53-bit example-id keys) with a parallel array of positions,
 * stably: an LSD radix sort on the doubles' bits, 16 bits a pass (a pass is skipped when every
 * key has the same 16 bits there), ping-ponging with one spare pair of arrays — 12 bytes a row
 * beyond the input, which it may reuse for the answer. Short or foreign-endian input takes a
 * comparison sort.
 */
export function sortKeys(keys: Float64Array, positions: Uint32Array): { keys: Float64Array; positions: Uint32Array } {
  const n = keys.length;
  if (positions.length !== n) throw new Error("keys and positions differ in length");
  if (n < 4096 || !LITTLE_ENDIAN) {
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
    return { keys: Float64Array.from(order, (i) => keys[i]), positions: Uint32Array.from(order, (i) => positions[i]) };
  }
  type Buffers = { keys: Float64Array; words: Uint32Array; positions: Uint32Array };
  let from: Buffers = { keys, words: new Uint32Array(keys.buffer, keys.byteOffset, n * 2), positions };
  const spare = new Float64Array(n);
  let to: Buffers = { keys: spare, words: new Uint32Array(spare.buffer), positions: new Uint32Array(n) };
  const counts = new Uint32Array(1 << 16);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(from.words[2 * i + word] >>> shift) & 0xffff]++;
    let oneBucket = false;
    for (let b = 0, sum = 0; b < 65536; b++) {
      const c = counts[b];
      if (c === n) oneBucket = true;
      counts[b] = sum;
      sum += c;
    }
    if (oneBucket) continue;
    for (let i = 0; i < n; i++) {
      const at = counts[(from.words[2 * i + word] >>> shift) & 0xffff]++;
      to.keys[at] = from.keys[i];
      to.positions[at] = from.positions[i];
    }
    [from, to] = [to, from];
  }
  return { keys: from.keys, positions: from.positions };
}
