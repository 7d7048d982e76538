import { describe, expect, test } from "vitest";
import { auditBriefNote, auditDailyRows, figureWithRange, frameRowsPerDay } from "@/lib/audit";
import { reviewAction } from "@/app/datasets/[id]/review/review-keys";

const DAY = 86_400_000;
const words = { itemSingular: "transaction", itemPlural: "transactions", positive: "fraudulent", negative: "valid", flaggedAction: "flagged as fraudulent" };

describe("frame rows a day, to turn an audit's frame counts into counts a day", () => {
  test.each([
    // 2,800 rows evenly over 28 days: span 27.99 days + one mean gap = 28 days → 100 a day.
    ["from the frame's timestamps", { rows: 2800, timeMin: 0, timeMax: (28 * DAY * 2799) / 2800 }, { volumePerDay: 5000, volumeSource: "timestamps", period: "day" }, { perDay: 100, source: "timestamps" }],
    ["an entered volume wins (the frame is a sample of that traffic)", { rows: 2800, timeMin: 0, timeMax: 28 * DAY }, { volumePerDay: 14_000, volumeSource: "saved", period: "day" }, { perDay: 14_000, source: "saved" }],
    ["no timestamps, no volume: the frame counts as one week", { rows: 700, timeMin: null, timeMax: null }, { volumePerDay: 1, volumeSource: "rows", period: "week" }, { perDay: 100, source: "rows" }],
    ["one instant only: no span, so its rows count as one day", { rows: 50, timeMin: 5, timeMax: 5 }, { volumePerDay: 1, volumeSource: "rows", period: "day" }, { perDay: 50, source: "rows" }],
  ] as const)("%s", (_, frame, settings, expected) => {
    expect(frameRowsPerDay(frame, settings)).toEqual(expected);
  });
});

describe("the audit's rows in a brief", () => {
  const fig = (estimate: number | null, lower: number, upper: number) => ({ estimate, lower, upper });
  const daily = { flagged: fig(200, 200, 200), falsePositives: fig(20, 12, 31), truePositives: fig(180, 169, 188), falseNegatives: fig(14, 6, 31), labeled: 800, size: 800 };
  test("per day, and per week (× 7)", () => {
    expect(auditDailyRows(daily, words, "day")).toEqual([
      ["All flagged (flagged as fraudulent)", "200"],
      ["Valid transactions flagged (false alarms)", "20 (12–31)"],
      ["Fraudulent transactions caught", "180 (169–188)"],
      ["Fraudulent transactions missed", "14 (6–31)"],
    ]);
    expect(auditDailyRows(daily, words, "week")[3]).toEqual(["Fraudulent transactions missed", "98 (42–217)"]);
  });
  test("an unknown figure says how high it may go", () => {
    expect(figureWithRange(fig(null, 0, 31))).toBe("unknown (up to 31)");
  });
  test("the note names the audit and what the matrix counts", () => {
    expect(auditBriefNote("October audit", 312, words)).toBe("These figures come from the audit “October audit” (312 labelled transactions), a weighted sample; the matrix of the labelled transactions counts them as they are, which is not the mix of transactions the model sees.");
  });
});

describe("review keys", () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => reviewAction({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods })?.type ?? null;
  test.each([
    ["p", "positive"], ["P", "positive"], ["1", "positive"],
    ["n", "negative"], ["0", "negative"],
    ["s", "skip"], ["u", "undo"], ["Backspace", "undo"], ["v", "toggle-score"],
    ["ArrowRight", null], ["x", null], [" ", null],
  ])("%s → %s", (k, action) => {
    expect(key(k)).toBe(action);
  });
  test("keys with Ctrl, Cmd or Alt stay the browser's", () => {
    expect([key("p", { ctrlKey: true }), key("u", { metaKey: true }), key("n", { altKey: true })]).toEqual([null, null, null]);
  });
});
