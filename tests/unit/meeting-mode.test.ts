import { expect, test } from "vitest";
import { contextLine } from "@/app/datasets/[id]/gallery/meeting-context";
import { meetingAction } from "@/app/datasets/[id]/gallery/meeting-keys";
import type { FailureModes } from "@/app/datasets/[id]/gallery/gallery-api";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

test.each([
  ["ArrowRight", { type: "next" }],
  ["ArrowLeft", { type: "previous" }],
  ["PageDown", { type: "next" }],
  ["PageUp", { type: "previous" }],
  [" ", { type: "next" }],
  ["u", { type: "undo" }],
  ["1", { type: "tag", index: 0 }],
  ["9", { type: "tag", index: 8 }],
  ["f", { type: "switch-kind" }],
  ["F", { type: "switch-kind" }],
  ["t", { type: "new-tag" }],
  ["n", { type: "note" }],
  ["Escape", { type: "leave" }],
  ["0", null],
  ["x", null],
  ["Enter", null],
])("key %s → %j", (k, action) => {
  expect(meetingAction(key(k))).toEqual(action);
});

test("Shift+Space goes back, as in a slide deck", () => {
  expect(meetingAction({ ...key(" "), shiftKey: true })).toEqual({ type: "previous" });
});

test("keys with Ctrl, Cmd or Alt are left to the browser", () => {
  expect(meetingAction(key("f", { ctrlKey: true }))).toBeNull();
  expect(meetingAction(key("1", { metaKey: true }))).toBeNull();
  expect(meetingAction(key("ArrowRight", { altKey: true }))).toBeNull();
});

const modes = (daily: Partial<FailureModes["daily"]>): FailureModes => ({
  threshold: 0.5, fp: 400, fn: 28, reviewedFp: 0, reviewedFn: 0, modes: [],
  daily: { flagged: 466, falsePositives: 200, falseNegatives: 14, truePositives: 266, trueNegatives: 7800, ...daily },
  vocabulary: { itemSingular: "transaction", itemPlural: "transactions", positive: "fraudulent", negative: "valid", flaggedAction: "flagged" },
});

test.each([
  ["fp", {}, "One of about 200 valid transactions flagged every day."],
  ["fn", {}, "One of about 14 fraudulent transactions missed every day."],
  ["tp", {}, "One of about 266 fraudulent transactions caught every day."],
  ["tn", {}, "One of about 7,800 valid transactions correctly left alone every day."],
  ["fn", { falseNegatives: 1 }, "One of about 1 fraudulent transaction missed every day."],
  ["fp", { falsePositives: 2.44 }, "One of about 2.4 valid transactions flagged every day."],
  ["fp", { falsePositives: null }, null],
] as const)("%s with %j", (kind, daily, line) => {
  expect(contextLine(kind, modes(daily))).toBe(line);
});

test("no counts yet, no context line", () => {
  expect(contextLine("fp", null)).toBeNull();
});
