import { describe, expect, test } from "vitest";
import { confusionAt } from "@/lib/metrics";
import { describeThreshold, describeTradeOff, resolveSettings } from "@/lib/story";

const noTimestamps = { rows: 1000, positives: 100, negatives: 900, positiveLabel: "1", negativeLabel: "0", timestampMin: null, timestampMax: null };
import { demoLike, fraudVocabulary, settingsOf, tableOf } from "./story-fixtures";

const THE_SENTENCE =
  "Every day an average of 200 valid transactions will be flagged as fraudulent and sent for manual review, and an average of 14 fraudulent transactions will be missed. An average of 266 fraudulent transactions will be correctly caught. In rates: it misses 5% of fraudulent transactions and flags 2.5% of valid ones (the false negative and false positive rates).";

describe("describeThreshold", () => {
  test("the demo at 0.5 with 8,280 transactions a day reads word for word", () => {
    const s = settingsOf({ volume: 8280, vocabulary: fraudVocabulary });
    expect(describeThreshold(confusionAt(demoLike, 0.5), s).join(" ")).toBe(THE_SENTENCE);
  });

  test("the default volume from the timestamps is the same 8,280 a day", () => {
    const s = settingsOf({ vocabulary: fraudVocabulary });
    expect(s.volumePerDay).toBe(8280);
    expect(describeThreshold(confusionAt(demoLike, 0.5), s).join(" ")).toBe(THE_SENTENCE);
  });

  test.each([
    {
      name: "generic vocabulary",
      saved: {},
      expected: [
        "Every day an average of 200 negative items will be flagged as positive, and an average of 14 positive items will be missed.",
        "An average of 266 positive items will be correctly caught.",
        "In rates: it misses 5% of positive items and flags 2.5% of negative ones (the false negative and false positive rates).",
      ],
    },
    {
      name: "spam, by the week",
      saved: { volume: 57960, period: "week" as const, vocabulary: { itemSingular: "message", positive: "spam", negative: "legitimate", flaggedAction: "moved to the junk folder" } },
      expected: [
        "Every week an average of 1,400 legitimate messages will be moved to the junk folder, and an average of 98 spam messages will be missed.",
        "An average of 1,862 spam messages will be correctly caught.",
        "In rates: it misses 5% of spam messages and flags 2.5% of legitimate ones (the false negative and false positive rates).",
      ],
    },
    {
      name: "a month of claims with costs and a review capacity",
      saved: {
        volume: 248400,
        period: "month" as const,
        vocabulary: { itemSingular: "claim", itemPlural: "claims", positive: "fraudulent", negative: "genuine", flaggedAction: "held for an investigator" },
        costs: { falsePositive: 12.5, falseNegative: 900, truePositive: 0, currency: "€" },
        reviewCapacity: 500,
      },
      expected: [
        "Every month an average of 6,000 genuine claims will be held for an investigator, and an average of 420 fraudulent claims will be missed.",
        "An average of 7,980 fraudulent claims will be correctly caught.",
        "That is 466 flagged claims a day, within the review capacity of 500 a day.",
        "The expected cost is €453,000 a month.",
        "In rates: it misses 5% of fraudulent claims and flags 2.5% of genuine ones (the false negative and false positive rates).",
      ],
    },
  ])("$name", ({ saved, expected }) => {
    expect(describeThreshold(confusionAt(demoLike, 0.5), settingsOf(saved))).toEqual(expected);
  });

  test("over capacity and a net benefit are said so", () => {
    const s = settingsOf({ volume: 8280, reviewCapacity: 300, costs: { falsePositive: 1, falseNegative: 10, truePositive: 50, currency: "$" } });
    expect(describeThreshold(confusionAt(demoLike, 0.5), s).slice(2, 4)).toEqual([
      "That is 466 flagged items a day, 166 more than the review capacity of 300 a day.",
      "The expected net benefit is $12,960 a day.",
    ]);
  });

  test("tiny volumes stay honest: a fraction a day, with the week's count", () => {
    const s = settingsOf({ volume: 100, prevalence: 0.08, vocabulary: fraudVocabulary });
    expect(describeThreshold(confusionAt(demoLike, 0.5), s).slice(0, 2)).toEqual([
      "Every day an average of 2.3 valid transactions will be flagged as fraudulent and sent for manual review, and an average of 0.4 fraudulent transactions (about 2.8 a week) will be missed.",
      "An average of 7.6 fraudulent transactions will be correctly caught.",
    ]);
  });

  test("very rare events are counted per month, then as one every so many days", () => {
    const s = settingsOf({ volume: 10, prevalence: 0.01, vocabulary: fraudVocabulary });
    expect(describeThreshold(confusionAt(demoLike, 0.5), s)[0]).toBe(
      "Every day an average of 0.2 valid transactions (about 1.7 a week) will be flagged as fraudulent and sent for manual review, and an average of 0.005 fraudulent transactions (about one every 200 days) will be missed.",
    );
    const monthly = settingsOf({ volume: 3, prevalence: 0.5, vocabulary: fraudVocabulary });
    expect(describeThreshold(confusionAt(demoLike, 0.5), monthly)[0]).toContain("an average of 0.04 valid transactions (about 1.1 a month) will be flagged");
    const rarer = settingsOf({ volume: 1, prevalence: 0.5, vocabulary: fraudVocabulary });
    expect(describeThreshold(confusionAt(demoLike, 0.5), rarer)[0]).toContain("an average of 0.01 valid transactions (about one every 80 days) will be flagged");
  });

  test("one item reads in the singular", () => {
    const s = settingsOf({ volume: 40, prevalence: 0.5, vocabulary: fraudVocabulary });
    expect(describeThreshold(confusionAt(demoLike, 0.5), s)[0]).toBe(
      "Every day an average of 0.5 valid transactions (about 3.5 a week) will be flagged as fraudulent and sent for manual review, and an average of 1 fraudulent transaction will be missed.",
    );
  });

  test("zero errors say no, and rates of 0%", () => {
    const perfect = tableOf([[0.1, 0, 90], [0.9, 10, 0]]);
    const s = settingsOf({ volume: 1000, vocabulary: fraudVocabulary });
    expect(describeThreshold(confusionAt(perfect, 0.5), s)).toEqual([
      "Every day no valid transactions will be flagged as fraudulent and sent for manual review, and no fraudulent transactions will be missed.",
      "An average of 34 fraudulent transactions will be correctly caught.",
      "In rates: it misses 0% of fraudulent transactions and flags 0% of valid ones (the false negative and false positive rates).",
    ]);
  });

  test("one-class data: the unknown rate is named, its counts are unknown unless the class never comes", () => {
    const onlyValid = tableOf([[0.1, 0, 900], [0.8, 0, 100]]);
    expect(describeThreshold(confusionAt(onlyValid, 0.5), settingsOf({ volume: 1000, prevalence: 0.02, vocabulary: fraudVocabulary }))).toEqual([
      "Every day an average of 98 valid transactions will be flagged as fraudulent and sent for manual review, and an unknown number of fraudulent transactions will be missed.",
      "An unknown number of fraudulent transactions will be correctly caught.",
      "In rates: it flags 10% of valid transactions (the false positive rate); the evaluation set has no fraudulent transactions, so the miss rate is unknown.",
    ]);
    expect(describeThreshold(confusionAt(onlyValid, 0.5), settingsOf({ volume: 1000, prevalence: 0 }))[0]).toBe(
      "Every day an average of 100 negative items will be flagged as positive, and no positive items will be missed.",
    );
  });

  test("rates get honest digits", () => {
    const t = tableOf([[0.1, 89, 9997], [0.9, 11, 3]]);
    expect(describeThreshold(confusionAt(t, 0.5), settingsOf({ volume: 1000 })).at(-1)).toBe("In rates: it misses 89% of positive items and flags 0.03% of negative ones (the false negative and false positive rates).");
  });
});

describe("describeTradeOff", () => {
  const s = settingsOf({ volume: 8280, vocabulary: fraudVocabulary });
  const at = (t: number) => confusionAt(demoLike, t);

  test("lowering the threshold flags more and catches more", () => {
    expect(describeTradeOff(at(0.5), at(0.4), s)).toBe(
      "Moving the threshold from 0.50 to 0.40 flags about 120 more valid transactions a day and catches about 6 more fraudulent ones.",
    );
  });

  test("raising it flags fewer and catches fewer", () => {
    expect(describeTradeOff(at(0.4), at(0.5), s)).toBe(
      "Moving the threshold from 0.40 to 0.50 flags about 120 fewer valid transactions a day and catches about 6 fewer fraudulent ones.",
    );
  });

  test("in the user's period, with thresholds of more decimals", () => {
    expect(describeTradeOff(at(0.425), at(0.5), settingsOf({ volume: 57960, period: "week", vocabulary: fraudVocabulary }))).toBe(
      "Moving the threshold from 0.425 to 0.50 flags about 840 fewer valid transactions a week and catches about 42 fewer fraudulent ones.",
    );
  });

  test("one more in the singular; the same number when only one class moves", () => {
    const t = tableOf([[0.1, 5, 5], [0.3, 0, 1], [0.6, 1, 0], [0.9, 5, 5]]);
    const one = settingsOf({ volume: 11, prevalence: 0.5 });
    expect(describeTradeOff(confusionAt(t, 0.5), confusionAt(t, 0.25), one)).toBe(
      "Moving the threshold from 0.50 to 0.25 flags about 0.5 more negative items a day and catches the same number of positive ones.",
    );
    expect(describeTradeOff(confusionAt(t, 0.7), confusionAt(t, 0.5), settingsOf({ volume: 22, prevalence: 0.5 }))).toBe(
      "Moving the threshold from 0.70 to 0.50 flags the same number of negative items a day and catches about 1 more positive one.",
    );
  });

  test("no example between the thresholds: nothing changes", () => {
    expect(describeTradeOff(at(0.5), at(0.6), s)).toBe("Moving the threshold from 0.50 to 0.60 changes nothing: no transaction of the evaluation set scores between them.");
  });
});

describe("a volume nobody entered", () => {
  test("without timestamps the row count is said to be a guess, after the daily counts", () => {
    const s = resolveSettings({ vocabulary: { itemSingular: "message", positive: "spam", negative: "ham" } }, { ...noTimestamps, rows: 6000, positives: 846, negatives: 5154 });
    expect(s.volumeSource).toBe("rows");
    const sentences = describeThreshold(confusionAt(demoLike, 0.5), s);
    expect(sentences[2]).toBe("These numbers are a guess until the real volume is entered: the file has no timestamps, so its 6,000 messages are counted as one day.");
    expect(sentences[0]).toMatch(/^Every day an average of/);
  });

  test("an entered volume, or one from the timestamps, is not called a guess", () => {
    for (const s of [resolveSettings({ volume: 5000 }, noTimestamps), settingsOf({})]) {
      expect(describeThreshold(confusionAt(demoLike, 0.5), s).join(" ")).not.toContain("guess");
    }
  });
});
