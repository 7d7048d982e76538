import { describe, expect, test } from "vitest";
import { cachedByVersion, forgetParts, invalidateDataset, peekByVersion } from "@/lib/cache";

describe("cachedByVersion", () => {
  test("computes once per (dataset, version), again when the version moves", async () => {
    let computed = 0;
    const compute = () => ++computed;
    expect(await cachedByVersion("test-a", 1, 1, compute)).toBe(1);
    expect(await cachedByVersion("test-a", 1, 1, compute)).toBe(1);
    expect(await cachedByVersion("test-a", 1, 2, compute)).toBe(2);
    expect(await cachedByVersion("test-a", 1, 2, compute)).toBe(2);
    expect(peekByVersion("test-a", 1, 1)).toBeUndefined();
    expect(peekByVersion("test-a", 1, 2)).toBe(2);
  });

  test("keeps at most `limit` entries of a kind, dropping the least recently used", async () => {
    const seen: number[] = [];
    const value = (id: number) => () => (seen.push(id), id * 10);
    for (const id of [1, 2, 3]) await cachedByVersion("test-b", id, 0, value(id), { limit: 3 });
    await cachedByVersion("test-b", 1, 0, value(1), { limit: 3 }); // 1 used again: 2 is now the oldest
    await cachedByVersion("test-b", 4, 0, value(4), { limit: 3 });
    expect([1, 2, 3, 4].map((id) => peekByVersion("test-b", id, 0))).toEqual([10, undefined, 30, 40]);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  test("callers asking while a value is computed share that computation; a failure is not kept", async () => {
    let computed = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async () => {
      computed++;
      await gate;
      return "segment";
    };
    const first = cachedByVersion("test-share", 5, 1, slow);
    const second = cachedByVersion("test-share", 5, 1, slow);
    const otherVersion = cachedByVersion("test-share", 5, 2, slow);
    release();
    expect(await Promise.all([first, second, otherVersion])).toEqual(["segment", "segment", "segment"]);
    expect(computed).toBe(2); // version 1 once, version 2 once

    let attempts = 0;
    const failing = async () => {
      attempts++;
      throw new Error("read failed");
    };
    await expect(Promise.all([cachedByVersion("test-share", 6, 1, failing), cachedByVersion("test-share", 6, 1, failing)])).rejects.toThrow("read failed");
    expect(attempts).toBe(1);
    expect(await cachedByVersion("test-share", 6, 1, () => "read again")).toBe("read again");
  });

  test("invalidateDataset forgets every kind and part of one dataset only", async () => {
    await cachedByVersion("test-c", 7, 0, () => "table");
    await cachedByVersion("test-d", 7, 0, () => "slice", { part: "country\u0000FR" });
    await cachedByVersion("test-c", 8, 0, () => "other");
    invalidateDataset(7);
    expect(peekByVersion("test-c", 7, 0)).toBeUndefined();
    expect(peekByVersion("test-d", 7, 0, "country\u0000FR")).toBeUndefined();
    expect(peekByVersion("test-c", 8, 0)).toBe("other");
  });
});

test("forgetParts drops the refused parts of one kind and dataset only", async () => {
  for (const part of ["1", "2", "3"]) await cachedByVersion("forget-test", 41, 1, () => `seg ${part}`, { part, limit: 16 });
  await cachedByVersion("forget-test", 42, 1, () => "other dataset", { part: "1", limit: 16 });
  await cachedByVersion("forget-other-kind", 41, 1, () => "other kind", { part: "1" });
  forgetParts("forget-test", 41, (part) => part === "3");
  expect(["1", "2", "3"].map((part) => peekByVersion("forget-test", 41, 1, part))).toEqual([undefined, undefined, "seg 3"]);
  expect(peekByVersion("forget-test", 42, 1, "1")).toBe("other dataset");
  expect(peekByVersion("forget-other-kind", 41, 1, "1")).toBe("other kind");
  forgetParts("never-used", 41, () => false);
});
