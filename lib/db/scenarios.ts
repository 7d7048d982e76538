import type { Scenario } from "../generated/sqlite/client";
import { prisma } from "./client";

/** A named threshold with its stakeholder settings, as the API returns it. */
export interface ScenarioView {
  id: number;
  datasetId: number;
  name: string;
  /** Flagged when score >= threshold. */
  threshold: number;
  /** The stakeholder settings saved with the scenario (see lib/story/settings.ts). */
  settings: Record<string, unknown>;
  createdAt: string;
}

function parseSettings(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toScenarioView(s: Scenario): ScenarioView {
  return { id: s.id, datasetId: s.datasetId, name: s.name, threshold: s.threshold, settings: parseSettings(s.settings), createdAt: s.createdAt.toISOString() };
}

/** A dataset's scenarios, oldest first; null when the dataset does not exist. */
export async function listScenarios(datasetId: number): Promise<ScenarioView[] | null> {
  const dataset = await prisma().dataset.findUnique({ where: { id: datasetId }, select: { id: true } });
  if (!dataset) return null;
  const rows = await prisma().scenario.findMany({ where: { datasetId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toScenarioView);
}

/**
 * Saves a new scenario; null when the dataset does not exist. A scenario of the same name is
 * replaced (saving "Current plan" twice keeps the latest).
 */
export async function saveScenario(
  datasetId: number,
  input: { name: string; threshold: number; settings: Record<string, unknown> },
): Promise<ScenarioView | null> {
  const dataset = await prisma().dataset.findUnique({ where: { id: datasetId }, select: { id: true } });
  if (!dataset) return null;
  const data = { name: input.name, threshold: input.threshold, settings: JSON.stringify(input.settings) };
  const row = await prisma().scenario.upsert({
    where: { datasetId_name: { datasetId, name: input.name } },
    create: { datasetId, ...data },
    update: data,
  });
  return toScenarioView(row);
}

/** Deletes one scenario of a dataset; false when there was none with that id there. */
export async function deleteScenario(datasetId: number, scenarioId: number): Promise<boolean> {
  const result = await prisma().scenario.deleteMany({ where: { id: scenarioId, datasetId } });
  return result.count > 0;
}
