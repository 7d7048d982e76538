import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "lib", "instrumentation.ts", "instrumentation-client.ts", "proxy.ts", "next.config.js", "package.json", "tsconfig.json", "prisma"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (!SKIP.has(entry)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** The build folder in use (NEXT_DIST_DIR, else .next). */
export function distDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

/** True when there is no production build, or a source file changed after it was made. */
export function needsBuild(root = process.cwd()): boolean {
  const buildId = path.join(root, distDir(), "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}
