/**
 * Names and types of the image files Cutoff stores with a dataset (from a .zip upload). Pure: the
 * browser uses `safeImageName` to build the same URL the server stores the file under.
 */

/** The image types Cutoff stores and serves, by their file signature. */
export type ImageType = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image type a file's first bytes announce (PNG, JPEG, GIF, WebP), or null for anything else. */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp)$/i;
const MAX_NAME = 200;

/**
 * The flat, safe file name an image value is stored and served under, or null when it cannot be
 * one: the last path segment (so "imgs/cat 1.png" → "cat_1.png"), characters other than letters,
 * digits, ".", "-" and "_" replaced by "_", no leading dot, an image extension. Never contains a
 * path separator or "..", so it cannot leave the dataset's image folder.
 */
export function safeImageName(value: string): string | null {
  const base = value.trim().split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[^A-Za-z0-9._-]/g, "_").replace(/\.{2,}/g, ".").replace(/^[._-]+/, "");
  if (!cleaned || cleaned.length > MAX_NAME || !IMAGE_EXTENSION.test(cleaned)) return null;
  return cleaned;
}
