/**
 * Typed arrays over shared memory (SharedArrayBuffer): a worker and the app's thread see the same
 * bytes, so sending such an array in a message costs nothing, however large.
 */

import { SHARED_FROM_BYTES as SMALL_BYTES } from "../metrics/typed-arrays";

type Typed = Float64Array | Float32Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array | Int8Array;

/** A typed array of the same kind and values over shared memory. */
export function sharedCopy<T extends Typed>(values: T): T {
  if (values.buffer instanceof SharedArrayBuffer) return values;
  const Kind = values.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Kind(new SharedArrayBuffer(values.byteLength));
  (copy as Typed).set(values as never);
  return copy;
}

/**
 * `value` with every large typed array in it (in plain objects and arrays) moved to shared memory.
 * What the value holds twice (one array or object under two names) is moved once and stays one.
 */
export function inSharedMemory<T>(value: T, seen = new Map<unknown, unknown>()): T {
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return seen.get(value) as T;
  let moved: unknown = value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) moved = value.byteLength >= SMALL_BYTES ? sharedCopy(value as unknown as Typed) : value;
  else if (Array.isArray(value)) moved = value.map((v) => inSharedMemory(v, seen));
  else if (Object.getPrototypeOf(value) === Object.prototype) moved = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inSharedMemory(v, seen)]));
  seen.set(value, moved);
  return moved as T;
}
