/** lib/demo — the demo fraud evaluation set (generated, seeded) that a fresh database starts with. */
import type { StorySettings } from "../story/settings";
import { seededRandom, shuffle, weightedPick } from "./random";

/** One transaction of the demo fraud model's evaluation set. */
export interface DemoTransaction {
  transactionId: string;
  /** UTC instant, epoch milliseconds. */
  timestamp: number;
  amount: number;
  merchantCategory: string;
  country: string;
  /** 1 = fraudulent. */
  isFraud: 0 | 1;
  /** The model's probability that the transaction is fraudulent, 4 decimals. */
  fraudProbability: number;
}

export interface DemoOptions {
  days?: number;
  perDay?: number;
  fraudPerDay?: number;
  /** Fraudulent transactions per day scored below 0.5 (missed at threshold 0.5). */
  missedPerDay?: number;
  /** Valid transactions per day scored at or above 0.5 (false alarms at threshold 0.5). */
  falseAlarmsPerDay?: number;
  seed?: number;
  /** First day, UTC midnight. */
  start?: Date;
}

/** The demo's defaults: the stakeholder example (5% missed, 2.5% false alarms at 0.5). */
export const DEMO_DEFAULTS = {
  days: 2,
  perDay: 8280,
  fraudPerDay: 280,
  missedPerDay: 14,
  falseAlarmsPerDay: 200,
  seed: 20261102,
  start: new Date("2026-11-02T00:00:00Z"),
} as const;

export const DEMO_HEADER = ["transaction_id", "timestamp", "amount", "merchant_category", "country", "is_fraud", "fraud_probability"];

const CATEGORIES_VALID = [["grocery", 30], ["restaurants", 18], ["fuel", 12], ["travel", 8], ["online_retail", 14], ["electronics", 6], ["entertainment", 8], ["gift_cards", 4]] as const;
const CATEGORIES_FRAUD = [["grocery", 4], ["restaurants", 3], ["fuel", 3], ["travel", 10], ["online_retail", 30], ["electronics", 25], ["entertainment", 5], ["gift_cards", 20]] as const;
/** Categories that look like fraud to the model: false alarms come mostly from these. */
const CATEGORIES_FALSE_ALARM = [["travel", 30], ["gift_cards", 25], ["electronics", 20], ["online_retail", 15], ["grocery", 5], ["restaurants", 5]] as const;
/** Fraud the model misses looks like everyday spending. */
const CATEGORIES_MISSED = [["grocery", 35], ["restaurants", 25], ["fuel", 20], ["online_retail", 10], ["entertainment", 10]] as const;
const COUNTRIES = [["US", 35], ["GB", 15], ["DE", 12], ["FR", 12], ["ES", 7], ["BR", 7], ["IN", 6], ["NG", 3], ["JP", 3]] as const;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

type Outcome = "caught" | "missed" | "falseAlarm" | "correct";

function scoreFor(outcome: Outcome, u: number): number {
  switch (outcome) {
    case "caught": // fraud, at or above 0.5, mostly high
      return Math.max(0.5, Math.min(0.9999, round4(0.5 + 0.4999 * Math.sqrt(u))));
    case "missed": // fraud below 0.5, mostly just below
      return Math.min(0.4999, round4(0.4999 - 0.45 * u * u));
    case "falseAlarm": // valid at or above 0.5, mostly just above
      return Math.max(0.5, round4(0.5 + 0.45 * u * u));
    case "correct": // valid below 0.5, mostly low
      return Math.min(0.4999, round4(0.4999 * u * u * u));
  }
}

/**
 * The demo fraud evaluation set, deterministic for a given seed. Each day has exactly
 * `fraudPerDay` fraudulent transactions, of which `missedPerDay` score below 0.5, and exactly
 * `falseAlarmsPerDay` valid ones scoring 0.5 or more.
 */
export function* generateFraudDemo(options: DemoOptions = {}): Generator<DemoTransaction> {
  const o = { ...DEMO_DEFAULTS, ...options };
  const random = seededRandom(o.seed);
  const spacingMs = Math.floor(86_400_000 / o.perDay);
  let serial = 0;
  for (let day = 0; day < o.days; day++) {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < o.perDay; i++) {
      if (i < o.missedPerDay) outcomes.push("missed");
      else if (i < o.fraudPerDay) outcomes.push("caught");
      else if (i < o.fraudPerDay + o.falseAlarmsPerDay) outcomes.push("falseAlarm");
      else outcomes.push("correct");
    }
    shuffle(outcomes, random);
    const dayStart = o.start.getTime() + day * 86_400_000;
    for (let i = 0; i < o.perDay; i++) {
      const outcome = outcomes[i];
      const isFraud = outcome === "caught" || outcome === "missed" ? 1 : 0;
      const categories =
        outcome === "missed" ? CATEGORIES_MISSED : outcome === "falseAlarm" ? CATEGORIES_FALSE_ALARM : isFraud ? CATEGORIES_FRAUD : CATEGORIES_VALID;
      const merchantCategory = weightedPick(categories, random);
      const base = isFraud ? 4.5 : 3.2;
      const amount = Math.round(Math.exp(base + 1.1 * (random() + random() + random() - 1.5)) * 100) / 100;
      serial++;
      yield {
        transactionId: `tx-${String(serial).padStart(7, "0")}`,
        timestamp: dayStart + i * spacingMs + Math.floor(random() * spacingMs),
        amount: Math.max(1, amount),
        merchantCategory,
        country: weightedPick(COUNTRIES, random),
        isFraud,
        fraudProbability: scoreFor(outcome, random()),
      };
    }
  }
}

/** The demo set as CSV lines (header first), each ending in "\n". */
export function* fraudDemoCsvLines(options: DemoOptions = {}): Generator<string> {
  yield DEMO_HEADER.join(",") + "\n";
  for (const t of generateFraudDemo(options)) {
    yield `${t.transactionId},${new Date(t.timestamp).toISOString()},${t.amount.toFixed(2)},${t.merchantCategory},${t.country},${t.isFraud},${t.fraudProbability.toFixed(4)}\n`;
  }
}

/**
 * The demo speaks the stakeholder example's words from the first visit ("200 valid transactions
 * will be flagged as fraudulent and sent for manual review"); volume comes from its timestamps.
 */
export const DEMO_SETTINGS: StorySettings = {
  vocabulary: {
    itemSingular: "transaction",
    itemPlural: "transactions",
    positive: "fraudulent",
    negative: "valid",
    flaggedAction: "flagged as fraudulent and sent for manual review",
  },
};
