import { describe, expect, test } from "vitest";
import { articleFor, clean, formatAverage, formatBytes, formatMoney, formatRate, formatThreshold, formatWithRange, niceThresholdBetween, readableColumn, readableValue } from "@/lib/format";

describe("story numbers", () => {
  test.each([
    [199.99999999997, "200"],
    [8000, "8,000"],
    [14, "14"],
    [9.96, "10"],
    [9.94, "9.9"],
    [2.35, "2.4"],
    [3, "3"],
    [1, "1"],
    [0.96, "1"],
    [0.43, "0.4"],
    [0.0043, "0.004"],
    [0, "0"],
    [Number.NaN, "—"],
  ])("formatAverage(%s) = %s", (x, shown) => expect(formatAverage(x)).toBe(shown));

  test.each([
    [0.05, "5%"],
    [0.025, "2.5%"],
    [0.0003, "0.03%"],
    [0.000314, "0.031%"],
    [0.123456, "12.3%"],
    [0.9997, "99.97%"],
    [0, "0%"],
    [1, "100%"],
  ])("formatRate(%s) = %s", (x, shown) => expect(formatRate(x)).toBe(shown));

  test.each([
    ["8%", "an"], ["80%", "an"], ["11%", "an"], ["18.5%", "an"], ["1.8%", "a"], ["5%", "a"], ["0.8%", "a"], ["100%", "a"], ["110", "a"],
  ])("articleFor(%s) = %s", (shown, article) => expect(articleFor(shown)).toBe(article));

  test.each([
    [0.5, "0.50"], [0.4, "0.40"], [0.425, "0.425"], [0.12345, "0.1235"], [1, "1.00"], [0, "0.00"],
  ])("formatThreshold(%s) = %s", (t, shown) => expect(formatThreshold(t)).toBe(shown));

  test.each([
    [3800, "$", "$3,800"], [12.5, "€", "€12.50"], [40, "$", "$40"], [-1234.4, "£", "−£1,234"], [0.001, "$", "$0.00"],
  ])("formatMoney(%s, %s) = %s", (x, c, shown) => expect(formatMoney(x, c)).toBe(shown));

  test("formatWithRange shows the 95% range only when it is one", () => {
    expect(formatWithRange(200, [181.54, 220.28])).toBe("200 (182–220)");
    expect(formatWithRange(0, [0, 0])).toBe("0");
    expect(formatWithRange(null, null)).toBe("unknown");
  });

  test.each([
    [0.4999, 0.5, 0.5], [0.45, 0.7, 0.5], [0.2, 0.45, 0.3], [0.51, 0.5122, 0.511], [0.12344, 0.12345, 0.12345], [0.9999, 1, 1],
  ])("niceThresholdBetween(%s, %s) = %s", (lo, hi, nice) => expect(niceThresholdBetween(lo, hi)).toBe(nice));

  test("clean removes float noise only", () => {
    expect(clean(8280 * (560 / 16560))).toBe(280);
    expect(clean(0.1 + 0.2)).toBe(0.3);
    expect(clean(1 / 3)).toBe(0.333333333333);
  });
});

describe("words for people", () => {
  test.each([
    [0, "0 bytes"],
    [1, "1 byte"],
    [512, "512 bytes"],
    [1024, "1 KB"],
    [48 * 1024 + 300, "48.3 KB"],
    [524_288, "512 KB"],
    [1.25 * 1024 ** 2, "1.3 MB"],
    [2 * 1024 ** 3, "2 GB"],
  ])("formatBytes(%d) = %s", (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  test.each([
    ["merchant_category", "Merchant category"],
    ["amountUSD", "Amount USD"],
    ["is-fraud", "Is fraud"],
    ["Country", "Country"],
    ["transactionId", "Transaction id"],
    ["already readable", "Already readable"],
    ["__", "__"],
  ])("readableColumn(%s) = %s", (name, expected) => {
    expect(readableColumn(name)).toBe(expected);
  });

  test.each([
    ["gift_cards", "gift cards"],
    ["online_retail", "online retail"],
    ["GB", "GB"],
    ["tx_0001", "tx_0001"],
    ["a b_c", "a b_c"],
  ])("readableValue(%s) = %s", (value, expected) => {
    expect(readableValue(value)).toBe(expected);
  });
});
