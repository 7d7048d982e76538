import type { ModelFacts, ModelVersionView } from "../../models/facts";
import type { ModelStore } from "../store";
import { datasetView } from "../views";
import { prisma } from "./prisma";

type StoredVersion = ModelFacts & { modelName: string; version: string; updatedAt: Date };

const versionView = ({ modelName, version, format, sizeMb, latencyMs, threshold, notes, updatedAt }: StoredVersion): ModelVersionView => ({
  modelName, version, format, sizeMb, latencyMs, threshold, notes, updatedAt: updatedAt.toISOString(),
});

/** Model versions' facts on SQLite (Prisma: a few small rows). */
export const sqliteModels: ModelStore = {
  async list() {
    const rows = await prisma().modelVersion.findMany({ orderBy: [{ modelName: "asc" }, { version: "asc" }] });
    return rows.map(versionView);
  },

  async get(modelName, version) {
    const row = await prisma().modelVersion.findUnique({ where: { modelName_version: { modelName, version } } });
    return row ? versionView(row) : null;
  },

  async save(modelName, version, facts) {
    const row = await prisma().modelVersion.upsert({
      where: { modelName_version: { modelName, version } },
      create: { modelName, version, ...facts },
      update: facts,
    });
    return versionView(row);
  },

  async delete(modelName, version) {
    const { count } = await prisma().modelVersion.deleteMany({ where: { modelName, version } });
    return count > 0;
  },

  async assign(datasetId, modelName, version) {
    const found = await prisma().dataset.findUnique({ where: { id: datasetId }, select: { id: true } });
    if (!found) return null;
    return datasetView(await prisma().dataset.update({ where: { id: datasetId }, data: { modelName, modelVersion: version } }));
  },
};
