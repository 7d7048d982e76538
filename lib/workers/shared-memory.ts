/**
 * Typed arrays over shared memory (SharedArrayBuffer): a worker and the app's thread see the same
 * bytes, so sending such an array in a message costs nothing, however large.
 */

type Typed = Float64Array | Float32Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array | Int8Array;

/** Arrays shorter than this are copied as they are (a message of a few KB costs nothing). */
const SMALL_BYTES = 64 * 1024;

/** A typed array of the same kind and values over shared memory. */
export function sharedCopy<T extends Typed>(values: T): T {
  if (values.buffer instanceof SharedArrayBuffer) return values;
  const Kind = values.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Kind(new SharedArrayBuffer(values.byteLength));
  (copy as Typed).set(values as never);
  return copy;
}

/** `value` with every large typed array in it (in plain objects and arrays) moved to shared memory. */
export function inSharedMemory<T>(value: T): T {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return (value.byteLength >= SMALL_BYTES ? sharedCopy(value as unknown as Typed) : value) as T;
  if (Array.isArray(value)) return value.map(inSharedMemory) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inSharedMemory(v)])) as T;
  }
  return value;
}
