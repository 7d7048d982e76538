/**
 * The error `fn` throws; the test fails when it throws nothing (an assertion inside a `catch`
 * would pass silently instead).
 */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw, and it did not");
}
