/**
 * Model versions' facts over a backend's Prisma client (a few small rows): the same calls on
 * SQLite and PostgreSQL, each backend passing its own client (lib/db/<backend>/index.ts).
 */
import type { ModelFacts, ModelVersionView } from "../models/facts";
import type { DatasetStore, ModelStore } from "./store";

type StoredVersion = ModelFacts & { modelName: string; version: string; updatedAt: Date };

const versionView = ({ modelName, version, format, sizeMb, latencyMs, threshold, notes, updatedAt }: StoredVersion): ModelVersionView => ({
  modelName, version, format, sizeMb, latencyMs, threshold, notes, updatedAt: updatedAt.toISOString(),
});

type VersionKey = { modelName_version: { modelName: string; version: string } };

/** The calls this store makes, as both generated clients have them (typed per schema; tests/unit keeps the schemas equal). */
export interface ModelClient {
  modelVersion: {
    findMany(args: { orderBy: Record<string, "asc" | "desc">[] }): Promise<StoredVersion[]>;
    findUnique(args: { where: VersionKey }): Promise<StoredVersion | null>;
    upsert(args: { where: VersionKey; create: ModelFacts & { modelName: string; version: string }; update: ModelFacts }): Promise<StoredVersion>;
    deleteMany(args: { where: { modelName: string; version: string } }): Promise<{ count: number }>;
  };
  dataset: { updateMany(args: { where: { id: number }; data: { modelName: string | null; modelVersion: string | null } }): Promise<{ count: number }> };
}

/** Model versions over `prisma` (a backend's client); datasets read back through `datasets`. */
export function prismaModels(prisma: () => ModelClient, datasets: DatasetStore): ModelStore {
  return {
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
    const { count } = await prisma().dataset.updateMany({ where: { id: datasetId }, data: { modelName, modelVersion: version } });
    return count ? datasets.get(datasetId) : null;
  },
  };
}
