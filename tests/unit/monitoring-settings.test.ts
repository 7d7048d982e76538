import { describe, expect, test } from "vitest";
import {
  DAY_MS,
  datasetSettingsSchema,
  defaultReference,
  formatReference,
  formatWindow,
  monitoringSettingsSchema,
  parseMonitoringSettings,
  parseReference,
  windowLabel,
  windowOf,
} from "@/lib/monitoring";
import { parseStoredSettings } from "@/lib/story";

const OCT1 = Date.parse("2026-10-01T00:00:00Z");

describe("reference specs", () => {
  test.each([
    ["window:first-14-days", { kind: "first-days", days: 14 }, "window:first-14-days"],
    ["window:first-1-day", { kind: "first-days", days: 1 }, "window:first-1-days"],
    [" window:2026-10-01..2026-10-14 ", { kind: "dates", from: "2026-10-01", to: "2026-10-14" }, "window:2026-10-01..2026-10-14"],
    ["dataset:7", { kind: "dataset", datasetId: 7 }, "dataset:7"],
    ["7", { kind: "dataset", datasetId: 7 }, "dataset:7"],
  ])("%j reads as %j and is written %j", (raw, spec, canonical) => {
    expect(parseReference(raw)).toEqual(spec);
    expect(formatReference(parseReference(raw))).toBe(canonical);
  });

  test.each([
    ["window:first-0-days", "1 to 366 days"],
    ["window:first-400-days", "1 to 366 days"],
    ["window:2026-02-30..2026-03-01", "UTC days like 2026-10-01"],
    ["window:2026-10-14..2026-10-01", "2026-10-14 is after 2026-10-01"],
    ["dataset:0", "reference must be"],
    ["last-week", "reference must be"],
  ])("%j is refused: %s", (raw, message) => {
    expect(() => parseReference(raw)).toThrow(message);
  });

  test("windows: first N days from the first day of data; dates with both ends included", () => {
    expect(windowOf({ kind: "first-days", days: 14 }, OCT1)).toEqual({ from: OCT1, to: OCT1 + 14 * DAY_MS });
    const w = windowOf({ kind: "dates", from: "2026-10-03", to: "2026-10-04" }, OCT1);
    expect(w).toEqual({ from: OCT1 + 2 * DAY_MS, to: OCT1 + 4 * DAY_MS });
    expect(windowLabel({ kind: "first-days", days: 14 }, windowOf({ kind: "first-days", days: 14 }, OCT1))).toBe("the first 14 days (1 Oct 2026 to 14 Oct 2026)");
    expect(windowLabel({ kind: "dates", from: "2026-10-03", to: "2026-10-04" }, w)).toBe("3 Oct 2026 to 4 Oct 2026");
  });

  test.each([
    [null, null, 14],
    [OCT1, OCT1 + 27 * DAY_MS, 14],
    [OCT1, OCT1 + 9 * DAY_MS, 5],
    [OCT1, OCT1, 1],
  ])("default reference of data from %s to %s: the first %s days", (first, last, days) => {
    expect(defaultReference(first, last)).toEqual({ kind: "first-days", days });
  });

  test.each([
    ["2026-10-15T00:00:00.000Z", "2026-10-16T00:00:00.000Z", "15 Oct 2026 (UTC)"],
    ["2026-10-12T00:00:00.000Z", "2026-10-19T00:00:00.000Z", "12 Oct 2026 to 18 Oct 2026 (UTC)"],
  ])("a time window %s–%s reads %j", (from, to, text) => {
    expect(formatWindow(from, to)).toBe(text);
  });
});

describe("monitoring settings", () => {
  test("valid settings are kept, the reference made canonical", () => {
    const parsed = monitoringSettingsSchema.parse({ reference: "3", deployedThreshold: 0.45, alerts: [{ kind: "misses", perDayAbove: 10 }, { kind: "drift" }], webhookUrl: "http://127.0.0.1:9000/hook" });
    expect(parsed).toEqual({ reference: "dataset:3", deployedThreshold: 0.45, alerts: [{ kind: "misses", perDayAbove: 10 }, { kind: "drift" }], webhookUrl: "http://127.0.0.1:9000/hook" });
  });

  test.each([
    [{ deployedThreshold: 1.5 }, "deployedThreshold", "between 0 and 1"],
    [{ webhookUrl: "ftp://example.com/x" }, "webhookUrl", "http:// or https://"],
    [{ webhookUrl: "not a url" }, "webhookUrl", "http:// or https://"],
    [{ reference: "yesterday" }, "reference", "reference must be"],
    [{ alerts: [{ kind: "misses" }] }, "alerts.0.perDayAbove", "misses a day must be a number"],
    [{ colour: "red" }, "", "Unrecognized key"],
  ])("%j is refused at %s", (value, path, message) => {
    const result = monitoringSettingsSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path.join(".")).toBe(path);
    expect(result.error?.issues[0].message).toContain(message);
  });

  test("stored beside the story's settings: each reads its own part, and bad parts are dropped", () => {
    const stored = { volume: 8280, vocabulary: { itemPlural: "transactions" }, monitoring: { deployedThreshold: 0.5, alerts: [{ kind: "bogus" }], webhookUrl: "https://hooks.example/cutoff" } };
    expect(parseStoredSettings(stored)).toEqual({ volume: 8280, vocabulary: { itemPlural: "transactions" } });
    expect(parseMonitoringSettings(stored)).toEqual({ reference: null, deployedThreshold: 0.5, alerts: [], webhookUrl: "https://hooks.example/cutoff" });
    expect(parseMonitoringSettings({})).toEqual({ reference: null, deployedThreshold: null, alerts: [], webhookUrl: null });
    expect(datasetSettingsSchema.safeParse({ volume: 10, monitoring: { reference: "window:first-7-days" } }).success).toBe(true);
  });
});
