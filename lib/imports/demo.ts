import { DEMO_SETTINGS, fraudDemoCsvLines } from "../demo/fraud-demo";
import { textChunks, type IngestResult } from "../ingest";
import { store } from "../db";
import { importCsv } from "./import-csv";

export const DEMO_NAME = "Demo: card fraud model (2 days)";

/** Imports the demo fraud evaluation set as a new dataset, through the same CSV core as uploads. */
export async function writeDemoDataset(): Promise<IngestResult> {
  const result = await importCsv(textChunks(fraudDemoCsvLines()), {
    name: DEMO_NAME,
    sourceFile: "demo-fraud-eval.csv",
    label: "is_fraud",
    score: "fraud_probability",
    id: "transaction_id",
    timestamp: "timestamp",
    slice: ["merchant_category", "country"],
    modelName: "fraud",
    modelVersion: "v3",
    isDemo: true,
  });
  await store().datasets.saveSettings(result.id, DEMO_SETTINGS);
  return result;
}
