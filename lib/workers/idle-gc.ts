import v8 from "node:v8";
import vm from "node:vm";

/**
 * A worker thread that hands large buffers to another thread (segments in shared memory, score
 * tables, a parse's columns) allocates little JavaScript itself, so its garbage collector may not
 * run for a long time, and every shared buffer it once held stays in memory until it does (a
 * SharedArrayBuffer is freed when no thread refers to it). Such a worker collects once it has been
 * idle for a moment: a collection of its small heap takes a few milliseconds, on its own thread.
 */
let collect: (() => void) | null = null;
let timer: NodeJS.Timeout | null = null;

function collector(): () => void {
  if (!collect) {
    try {
      v8.setFlagsFromString("--expose-gc");
      collect = vm.runInNewContext("gc") as () => void;
    } catch {
      collect = () => undefined;
    }
  }
  return collect;
}

/** Collects garbage after `idleMs` without another call (each call pushes it back). */
export function collectWhenIdle(idleMs = 500): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    collector()();
  }, idleMs);
  timer.unref();
}
