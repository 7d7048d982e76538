import { expect, test } from "vitest";
import { settingsFromParam, settingsToParam, thresholdFromParam } from "@/lib/story";

test("settings travel in ?s= as JSON and come back validated", () => {
  const settings = { volume: 100, vocabulary: { positive: "spam" } };
  expect(settingsFromParam(settingsToParam(settings))).toEqual(settings);
  expect(settingsToParam({})).toBeNull();
  expect(settingsFromParam(null)).toBeNull();
  expect(settingsFromParam("{not json")).toBeNull();
  expect(settingsFromParam(JSON.stringify({ volume: -1, prevalence: 0.2, script: "<b>" }))).toEqual({ prevalence: 0.2 });
});

test.each([
  ["0.5", 0.5], ["0", 0], ["1", 1], ["1.5", null], ["-0.1", null], ["abc", null], ["", null], [null, null],
])("thresholdFromParam(%j) = %j", (raw, t) => expect(thresholdFromParam(raw)).toBe(t));
