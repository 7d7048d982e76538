import type { ScenarioStore } from "../store";
import { scenarioView } from "../views";
import { postgresPrisma as prisma } from "./connection";

const exists = async (datasetId: number) => (await prisma().dataset.findUnique({ where: { id: datasetId }, select: { id: true } })) !== null;

/** Named thresholds with their settings, on PostgreSQL. */
export const postgresScenarios: ScenarioStore = {
  async list(datasetId) {
    if (!(await exists(datasetId))) return null;
    const rows = await prisma().scenario.findMany({ where: { datasetId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map(scenarioView);
  },

  async save(datasetId, input) {
    if (!(await exists(datasetId))) return null;
    const data = { name: input.name, threshold: input.threshold, settings: JSON.stringify(input.settings) };
    const row = await prisma().scenario.upsert({
      where: { datasetId_name: { datasetId, name: input.name } },
      create: { datasetId, ...data },
      update: data,
    });
    return scenarioView(row);
  },

  async delete(datasetId, scenarioId) {
    const result = await prisma().scenario.deleteMany({ where: { id: scenarioId, datasetId } });
    return result.count > 0;
  },
};
