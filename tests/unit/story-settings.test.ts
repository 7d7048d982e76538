import { describe, expect, test } from "vitest";
import { DEMO_DEFAULTS, generateFraudDemo } from "@/lib/demo/fraud-demo";
import { defaultVocabulary, parseStoredSettings, resolveSettings, storySettingsSchema, volumeFromTimestamps } from "@/lib/story";
import { demoFacts, settingsOf } from "./story-fixtures";

describe("story settings", () => {
  test("the demo's timestamps give 8,280 a day", () => {
    let first = Infinity;
    let last = -Infinity;
    let rows = 0;
    for (const t of generateFraudDemo()) {
      first = Math.min(first, t.timestamp);
      last = Math.max(last, t.timestamp);
      rows++;
    }
    expect(volumeFromTimestamps(rows, new Date(first).toISOString(), new Date(last).toISOString())).toBe(DEMO_DEFAULTS.perDay);
  });

  test("no time span, no volume from timestamps; the row count stands in", () => {
    expect(volumeFromTimestamps(10, null, null)).toBeNull();
    expect(volumeFromTimestamps(10, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")).toBeNull();
    const s = resolveSettings({}, { ...demoFacts, timestampMin: null, timestampMax: null });
    expect([s.volume, s.volumePerDay, s.volumeSource]).toEqual([16560, 16560, "rows"]);
  });

  test.each([
    ["1", "0", "positive", "negative"],
    ["true", "false", "positive", "negative"],
    ["spam", "ham", "spam", "ham"],
    [" fraud ", "", "fraud", "negative"],
  ])("labels %j / %j name the classes %s / %s", (positiveLabel, negativeLabel, positive, negative) => {
    expect(defaultVocabulary({ positiveLabel, negativeLabel })).toEqual({ itemSingular: "item", itemPlural: "items", positive, negative, flaggedAction: `flagged as ${positive}` });
  });

  test("defaults: volume from timestamps, the dataset's prevalence, no costs, no capacity", () => {
    expect(settingsOf()).toEqual({
      volume: 8280,
      period: "day",
      volumePerDay: 8280,
      volumeSource: "timestamps",
      prevalence: 560 / 16560,
      prevalenceSource: "dataset",
      vocabulary: { itemSingular: "item", itemPlural: "items", positive: "positive", negative: "negative", flaggedAction: "flagged as positive" },
      costs: { falsePositive: 0, falseNegative: 0, truePositive: 0, currency: "$" },
      reviewCapacity: null,
      targets: { fnr: null, fpr: null },
    });
  });

  test("saved values win; a plural and an action follow the words that were named", () => {
    const s = settingsOf({ volume: 300, period: "month", prevalence: 0.1, vocabulary: { itemSingular: "claim", positive: "fraudulent" } });
    expect([s.volume, s.volumePerDay, s.prevalence, s.prevalenceSource]).toEqual([300, 10, 0.1, "saved"]);
    expect(s.vocabulary).toEqual({ itemSingular: "claim", itemPlural: "claims", positive: "fraudulent", negative: "negative", flaggedAction: "flagged as fraudulent" });
    expect(settingsOf({ period: "week" }).volume).toBe(8280 * 7);
  });

  test.each([
    [{ volume: -1 }, "volume", "volume must be more than 0"],
    [{ prevalence: 1.5 }, "prevalence", "prevalence must be between 0 and 1"],
    [{ period: "year" }, "period", undefined],
    [{ vocabulary: { positive: "" } }, "vocabulary.positive", "positive class name must not be empty"],
    [{ costs: { falsePositive: -3 } }, "costs.falsePositive", "false positive cost must be 0 or more"],
    [{ volume: "many" }, "volume", "volume must be a number"],
    [{ colour: "red" }, "", undefined],
  ])("rejects %j at %s", (value, path, message) => {
    const result = storySettingsSchema.safeParse(value);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0];
    expect(issue.path.join(".")).toBe(path);
    if (message) expect(issue.message).toBe(message);
  });

  test("stored settings keep their valid parts", () => {
    expect(parseStoredSettings({ volume: 100, prevalence: 7, colour: "red" })).toEqual({ volume: 100 });
    expect(parseStoredSettings("nonsense")).toEqual({});
  });
});
