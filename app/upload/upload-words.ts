import { formatBytes, formatCount } from "@/lib/format";
import type { UploadProgress } from "./upload-request";

/** "a", "a and b", "a, b and c". */
export const listed = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/**
 * What the progress bar says: the bytes while sending a file over 1 MB (a smaller one is sent at
 * once, its bytes say nothing), then the rows checked and saved so far, once there are any.
 */
export function progressText(p: UploadProgress): string {
  if (p.phase === "uploading") return p.totalBytes > 1024 ** 2 ? `Sending the file: ${formatBytes(p.sentBytes)} of ${formatBytes(p.totalBytes)}` : "Sending the file…";
  return p.rows > 0 ? `Checking and saving rows: ${formatCount(p.rows)} so far…` : "Checking and saving the rows…";
}
