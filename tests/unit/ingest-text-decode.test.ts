import { isUtf8 } from "node:buffer";
import fc from "fast-check";
import { expect, test } from "vitest";
import { BAD_CHARACTER, badByte, encodingFromName } from "@/lib/ingest/encodings";
import { CsvTextDecoder } from "@/lib/ingest/text-decode";

/** Decodes `bytes` cut at `cuts`, joining the pieces as the row parser does. */
function decode(bytes: Uint8Array, encoding: "utf-8" | "windows-1252" | "latin1", cuts: number[] = []): { text: string; dirty: boolean } {
  const decoder = new CsvTextDecoder(encoding);
  let text = "";
  let dirty = false;
  let at = 0;
  for (const cut of [...cuts, bytes.length].sort((a, b) => a - b)) {
    text += decoder.write(bytes.subarray(at, cut));
    dirty ||= decoder.dirty;
    at = cut;
  }
  text += decoder.end();
  return { text, dirty: dirty || decoder.dirty };
}

/** The bytes a decoded text stands for: each undecodable byte back from its stand-in, the rest as UTF-8. */
function encodeBack(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc80 && code <= 0xdcff) out.push(badByte(code));
    else {
      const point = text.codePointAt(i)!;
      if (point > 0xffff) i++;
      out.push(...Buffer.from(String.fromCodePoint(point), "utf8"));
    }
  }
  return Uint8Array.from(out);
}

test("any bytes, cut anywhere: valid UTF-8 reads as TextDecoder reads it, and nothing is lost (each bad byte has a stand-in)", () => {
  const piece = fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 8 }).map((s) => new Uint8Array(Buffer.from(s, "utf8"))));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), fc.array(fc.nat(120), { maxLength: 6 }), (pieces, cuts) => {
      const bytes = Uint8Array.from(pieces.flatMap((p) => [...p]));
      const { text, dirty } = decode(bytes, "utf-8", cuts.map((c) => c % (bytes.length + 1)));
      expect(encodeBack(text)).toEqual(bytes);
      expect(decode(bytes, "utf-8").text).toBe(text);
      const valid = isUtf8(bytes);
      if (valid) expect(text).toBe(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes));
      expect(/[\udc80-\udcff]/u.test(text)).toBe(!valid);
      expect(dirty).toBe(!valid || bytes.includes(0));
    }),
    { numRuns: 2000, seed: 18 },
  );
});

test.each([
  ["Latin-1 é", [0x63, 0x61, 0x66, 0xe9], "caf\udce9"],
  ["a character cut short before ASCII", [0xe6, 0x97, 0x41], "\udce6\udc97A"],
  ["an encoded surrogate (not UTF-8)", [0xed, 0xa0, 0x80], "\udced\udca0\udc80"],
  ["an overlong slash", [0xc0, 0xaf], "\udcc0\udcaf"],
  ["the file ends inside a character", [0x61, 0xf0, 0x9f, 0x98], "a\udcf0\udc9f\udc98"],
])("UTF-8: %s", (_name, bytes, expected) => {
  const whole = Uint8Array.from(bytes);
  for (let cut = 0; cut <= whole.length; cut++) expect(decode(whole, "utf-8", [cut]).text).toBe(expected);
  expect(BAD_CHARACTER.test(expected)).toBe(true);
});

test("a character past U+FFFF whose second half is U+DC80 (💀) is not taken for a bad byte", () => {
  const { text, dirty } = decode(new Uint8Array(Buffer.from("a💀\u0000", "utf8")), "utf-8");
  expect(text).toBe("a💀\u0000");
  expect(dirty).toBe(true);
  expect(BAD_CHARACTER.exec(text)?.index).toBe(3);
  expect(BAD_CHARACTER.test("💀")).toBe(false);
});

test("windows-1252 and latin1 read every byte; 0x80–0x9F differ as the WHATWG table says (checked against iconv)", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const latin1 = decode(all, "latin1").text;
  expect([...latin1].map((c) => c.charCodeAt(0))).toEqual([...all]);
  const windows = decode(all, "windows-1252").text;
  expect(windows.slice(0, 0x80)).toBe(latin1.slice(0, 0x80));
  expect(windows.slice(0xa0)).toBe(latin1.slice(0xa0));
  expect([windows[0x80], windows[0x81], windows[0x8a], windows[0x93], windows[0x94], windows[0x99], windows[0x9f]]).toEqual(["€", "\u0081", "Š", "“", "”", "™", "Ÿ"]);
  expect(decode(Uint8Array.from([0x61, 0, 0x62]), "windows-1252")).toEqual({ text: "a\u0000b", dirty: true });
});

test.each([
  ["UTF-8", "utf-8"],
  ["utf8", "utf-8"],
  [" Windows-1252 ", "windows-1252"],
  ["cp1252", "windows-1252"],
  ["ISO-8859-1", "latin1"],
  ["latin-1", "latin1"],
  ["utf-16", null],
  ["", null],
])("encoding name %j → %s", (name, expected) => {
  expect(encodingFromName(name)).toBe(expected);
});
