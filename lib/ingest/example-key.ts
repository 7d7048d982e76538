/**
 * The 53-bit key an example id is looked up by (cyrb53, a well-mixed non-cryptographic hash that
 * fits a double exactly). Keys are sorted at import and looked up on append, late labels and
 * comparisons; equal keys are always checked against the ids themselves, so a collision (about
 * one in 10^9 pairs at 5 million ids) costs a comparison, never a wrong answer.
 */
export function exampleKey(id: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
