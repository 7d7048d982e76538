import type Database from "better-sqlite3";
import { DEMO_HEADER, generateFraudDemo } from "../demo/fraud-demo";
import { DatasetWriter, type WrittenDataset } from "./dataset-writer";

export const DEMO_NAME = "Demo: card fraud model (2 days)";

/** Writes the demo fraud evaluation set as a new dataset. */
export function writeDemoDataset(db?: Database.Database): WrittenDataset {
  const writer = new DatasetWriter(
    {
      name: DEMO_NAME,
      sourceFile: "demo-fraud-eval.csv",
      positiveLabel: "1",
      negativeLabel: "0",
      mapping: {
        label: "is_fraud",
        score: "fraud_probability",
        id: "transaction_id",
        timestamp: "timestamp",
        slices: ["merchant_category", "country"],
        extras: ["amount"],
        columns: DEMO_HEADER,
      },
      modelName: "fraud",
      modelVersion: "v3",
      isDemo: true,
    },
    db,
  );
  try {
    let row = 2;
    for (const t of generateFraudDemo()) {
      writer.append({
        row: row++,
        label: t.isFraud,
        score: t.fraudProbability,
        exampleId: t.transactionId,
        timestamp: t.timestamp,
        text: null,
        image: null,
        slices: JSON.stringify([t.merchantCategory, t.country]),
        extras: JSON.stringify([t.amount.toFixed(2)]),
      });
    }
    return writer.finish();
  } catch (error) {
    writer.abort();
    throw error;
  }
}
