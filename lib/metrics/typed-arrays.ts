/**
 * Where the pure core allocates its large typed arrays: ordinary memory, or shared memory
 * (SharedArrayBuffer) in the compute worker, whose answers then reach the app's thread without a
 * copy (lib/workers/compute-worker.ts turns it on). Small arrays always get ordinary memory.
 */
let shared = false;

/** Arrays of at least this many bytes go to shared memory when it is on (lib/workers/shared-memory.ts copies from the same size). */
export const SHARED_FROM_BYTES = 64 * 1024;

/** Large arrays made by this thread from now on are in shared memory (`true`) or not. */
export function allocateShared(on: boolean): void {
  shared = on;
}

type Kind<T> = { new (length: number): T; new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

function allocate<T>(Kind: Kind<T>, length: number): T {
  const bytes = length * Kind.BYTES_PER_ELEMENT;
  return shared && bytes >= SHARED_FROM_BYTES ? new Kind(new SharedArrayBuffer(bytes)) : new Kind(length);
}

/** A zeroed Float64Array of `length`. */
export const float64s = (length: number): Float64Array => allocate(Float64Array, length);
/** A zeroed Uint32Array of `length`. */
export const uint32s = (length: number): Uint32Array => allocate(Uint32Array, length);
/** A copy of `values` (e.g. a short view of a long buffer, so that the buffer can be freed). */
export function copyOf(values: Float64Array): Float64Array {
  const copy = float64s(values.length);
  copy.set(values);
  return copy;
}
