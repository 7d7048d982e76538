import { describe, expect, test } from "vitest";
import { imageTypeOf, safeImageName } from "@/lib/images/names";

describe("safeImageName", () => {
  test.each([
    ["cat.png", "cat.png"],
    ["images/cat.PNG", "cat.PNG"],
    ["C:\\photos\\dog 1.jpeg", "dog_1.jpeg"],
    ["../../etc/passwd.png", "passwd.png"],
    ["..png", null],
    ["a..b.gif", "a.b.gif"],
    [".hidden.webp", "hidden.webp"],
    ["résumé.jpg", "r_sum_.jpg"],
    ["notes.txt", null],
    ["script.svg", null],
    ["", null],
    ["images/", null],
    ["x".repeat(300) + ".png", null],
  ])("%j → %j", (value, expected) => {
    expect(safeImageName(value)).toBe(expected);
  });

  test("a safe name never holds a separator or a parent reference", () => {
    for (const value of ["../a.png", "..\\..\\a.png", "a/../../b.png", "/abs/c.gif", "....//d.webp"]) {
      const name = safeImageName(value);
      expect(name).not.toBeNull();
      expect(name).not.toMatch(/[\\/]|\.\./);
    }
  });
});

describe("imageTypeOf", () => {
  const bytes = (...values: (number | string)[]) =>
    Uint8Array.from(values.flatMap((v) => (typeof v === "string" ? [...v].map((c) => c.charCodeAt(0)) : [v])));
  test.each([
    ["png", bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), "image/png"],
    ["jpeg", bytes(0xff, 0xd8, 0xff, 0xe0), "image/jpeg"],
    ["gif87a", bytes("GIF87a", 1), "image/gif"],
    ["gif89a", bytes("GIF89a", 1), "image/gif"],
    ["webp", bytes("RIFF", 0, 0, 0, 0, "WEBP", "VP8 "), "image/webp"],
    ["riff that is not webp", bytes("RIFF", 0, 0, 0, 0, "WAVE"), null],
    ["html", bytes("<html><script>"), null],
    ["svg", bytes("<svg xmlns="), null],
    ["empty", bytes(), null],
    ["truncated png", bytes(0x89, "PN"), null],
  ])("%s", (_name, input, expected) => {
    expect(imageTypeOf(input)).toBe(expected);
  });
});
