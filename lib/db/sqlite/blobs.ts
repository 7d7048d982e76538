/** Typed arrays stored as SQLite BLOBs (little-endian, as the machine's typed arrays are). */

/** The bytes of a typed array, without copying. */
export const toBytes = (values: Float64Array | Uint32Array | Uint8Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

/** A BLOB read back as Float64 values (copied into a fresh, 8-byte aligned buffer). */
export function toFloat64(bytes: Uint8Array): Float64Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}

/** A BLOB read back as Uint32 values (copied into a fresh, aligned buffer). */
export function toUint32(bytes: Uint8Array): Uint32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Uint32Array(copy.buffer);
}
