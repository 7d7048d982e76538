import fs from "node:fs";

/** The Chromium to drive: CHROMIUM_PATH, else Debian's. Null when none is installed. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  return candidates.find((path) => fs.existsSync(path)) ?? null;
}
