/**
 * Bytes → text for the CSV reader, in the file's encoding, checked a chunk at a time (the common
 * case costs one native isAscii/isUtf8 and one indexOf(0) per 64 KB, no per-character work).
 *
 * A byte that is not valid UTF-8 becomes the lone surrogate U+DC80–U+DCFF holding it (as Python's
 * "surrogateescape"), which no valid text contains; a NUL byte stays U+0000. `dirty` says the last
 * text returned holds either, so that the row parser looks for them in the cells of those rows only.
 */
import { isAscii, isUtf8 } from "node:buffer";
import type { CsvEncoding } from "./encodings";

/**
 * Windows-1252's characters for bytes 0x80–0x9F (WHATWG Encoding Standard; its five unassigned
 * bytes stay the C1 controls of the same value). Decoded by hand: Node 20's
 * TextDecoder("windows-1252") reads those bytes as ISO-8859-1 does.
 */
const WINDOWS_1252_HIGH = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const C1_CONTROL = /[\u0080-\u009f]/g;

/** Bytes at the end of `buf` that begin a UTF-8 sequence it does not complete (0–3). */
function incompleteTail(buf: Uint8Array): number {
  const n = buf.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = buf[n - k];
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return 0;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return need > k ? k : 0;
  }
  return 0;
}

/** Length of the valid UTF-8 sequence starting at `i` (a non-ASCII lead byte), or 0 when it is not one. */
function sequenceLength(buf: Uint8Array, i: number): number {
  const b = buf[i];
  const follow = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
  if (follow === 0 || i + follow >= buf.length) return 0;
  const second = buf[i + 1];
  if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return 0;
  for (let k = 1; k <= follow; k++) if ((buf[i + k] & 0xc0) !== 0x80) return 0;
  return follow + 1;
}

/** UTF-8 with each invalid byte as U+DC80–U+DCFF (only for chunks that failed isUtf8). */
function decodeEscaped(buf: Buffer): string {
  let out = "";
  let run = 0;
  let i = 0;
  while (i < buf.length) {
    if (buf[i] < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(buf, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += buf.toString("utf8", run, i) + String.fromCharCode(0xdc00 + buf[i]);
    run = ++i;
  }
  return out + buf.toString("utf8", run, buf.length);
}

/** Total length of the UTF-8 sequence a lead byte starts (1 for a byte that starts none). */
const sequenceNeed = (lead: number) => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1);

/** Decodes a CSV's bytes chunk by chunk (a character split across chunks is completed from the next). */
export class CsvTextDecoder {
  /** True when the text last returned holds a NUL or an undecodable byte. */
  dirty = false;
  /** The start of a UTF-8 sequence the last chunk ended in (1–3 bytes). */
  private tail: Buffer | null = null;

  constructor(readonly encoding: CsvEncoding) {}

  write(bytes: Uint8Array): string {
    let buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let head = "";
    let headDirty = false;
    if (this.tail) {
      // Complete the split character with the continuation bytes this chunk starts with: a few
      // bytes copied, not the whole chunk.
      const tail = this.tail;
      const missing = sequenceNeed(tail[0]) - tail.length;
      let k = 0;
      while (k < missing && k < buf.length && (buf[k] & 0xc0) === 0x80) k++;
      if (k === buf.length && k < missing) {
        this.tail = Buffer.concat([tail, buf]);
        this.dirty = false;
        return "";
      }
      const bridge = Buffer.concat([tail, buf.subarray(0, k)]);
      this.tail = null;
      headDirty = !isUtf8(bridge);
      head = headDirty ? decodeEscaped(bridge) : bridge.toString("utf8");
      buf = buf.subarray(k);
    }
    this.dirty = headDirty || buf.indexOf(0) >= 0;
    // ASCII reads the same in every encoding here, and latin1 is the cheapest way to make it a string.
    if (this.encoding === "latin1" || isAscii(buf)) return head + buf.toString("latin1");
    if (this.encoding === "windows-1252") return head + buf.toString("latin1").replace(C1_CONTROL, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]);
    const keep = incompleteTail(buf);
    if (keep > 0) {
      this.tail = Buffer.from(buf.subarray(buf.length - keep));
      buf = buf.subarray(0, buf.length - keep);
    }
    if (isUtf8(buf)) return head + buf.toString("utf8");
    this.dirty = true;
    return head + decodeEscaped(buf);
  }

  /** The text of a sequence the file ended in the middle of (undecodable), or "". */
  end(): string {
    const tail = this.tail;
    this.tail = null;
    this.dirty = tail !== null;
    return tail ? decodeEscaped(tail) : "";
  }
}
