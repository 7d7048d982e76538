import { describe, expect, test } from "vitest";
import { settingsFromParam, settingsToParam, thresholdFromLink, thresholdFromParam, typedThresholdProblem } from "@/lib/story";

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

describe("thresholds that cannot be used say why", () => {
  test.each([
    ["0.3", null],
    ["", null],
    ["1.7", "1.7 is outside 0 to 1: the threshold stays at 0.5."],
    ["-0.1", "-0.1 is outside 0 to 1: the threshold stays at 0.5."],
    ["abc", "“abc” is not a number: the threshold stays at 0.5."],
  ])("typed %j", (text, problem) => {
    expect(typedThresholdProblem(text, 0.5)).toBe(problem);
  });

  test.each([
    [undefined, { threshold: 0.5, notice: null }],
    ["0.42", { threshold: 0.42, notice: null }],
    ["abc", { threshold: 0.5, notice: "The link’s threshold “abc” is not a number from 0 to 1, so 0.5 is shown instead." }],
    ["7", { threshold: 0.5, notice: "The link’s threshold “7” is not a number from 0 to 1, so 0.5 is shown instead." }],
  ])("?t=%j", (raw, expected) => {
    expect(thresholdFromLink(raw)).toEqual(expected);
  });
});
