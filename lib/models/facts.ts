/**
 * What a model version is, beyond its scores: facts about the artefact (format, size, latency),
 * the threshold it runs at and notes. Datasets belong to a version by (model name, version).
 */
import { z } from "zod";

/** Formats offered on the Models page; any other short text is accepted too. */
export const MODEL_FORMATS = ["SavedModel", "TF Lite", "TF.js", "ONNX", "PyTorch", "Core ML", "scikit-learn"] as const;

/** A model's name (e.g. "fraud") or a version (e.g. "int8"): trimmed, 1 to 100 characters. */
export const modelNameValue = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

const positive = (what: string) => z.number({ error: `${what} must be a number` }).finite(`${what} must be a number`).min(0, `${what} must be 0 or more`);

/**
 * The facts of a version as the API takes them (PUT replaces them all; a field left out is
 * stored as unknown).
 */
export const modelFactsSchema = z
  .object({
    format: z.string().trim().max(40, "format must be at most 40 characters").nullable().optional(),
    /** Size of the artefact in MB. */
    sizeMb: positive("sizeMb").nullable().optional(),
    /** Median latency of one prediction in ms. */
    latencyMs: positive("latencyMs").nullable().optional(),
    /** The threshold the version runs at: flagged when score >= threshold. */
    threshold: z.number({ error: "threshold must be a number" }).min(0, "threshold must be between 0 and 1").max(1, "threshold must be between 0 and 1").nullable().optional(),
    notes: z.string().max(2000, "notes must be at most 2000 characters").optional(),
  })
  .strict();

export type ModelFactsInput = z.infer<typeof modelFactsSchema>;

/** A version's stored facts, every field known or null. */
export interface ModelFacts {
  format: string | null;
  sizeMb: number | null;
  latencyMs: number | null;
  /** Flagged when score >= threshold; null = not set (pages then use 0.5). */
  threshold: number | null;
  notes: string;
}

/** One version's facts as the data layer returns them. */
export interface ModelVersionView extends ModelFacts {
  modelName: string;
  version: string;
  /** ISO 8601 UTC. */
  updatedAt: string;
}

/** The facts of an input with every gap made explicit ("" formats count as unknown). */
export function factsOf(input: ModelFactsInput): ModelFacts {
  return {
    format: input.format ? input.format : null,
    sizeMb: input.sizeMb ?? null,
    latencyMs: input.latencyMs ?? null,
    threshold: input.threshold ?? null,
    notes: input.notes?.trim() ?? "",
  };
}

/** The facts of a stored version, without its names. */
export const factsOfView = ({ format, sizeMb, latencyMs, threshold, notes }: ModelFacts): ModelFacts => ({ format, sizeMb, latencyMs, threshold, notes });

/** The threshold a version runs at, 0.5 when none is set. */
export const DEFAULT_THRESHOLD = 0.5;
export const thresholdOf = (facts: Pick<ModelFacts, "threshold"> | null | undefined) => facts?.threshold ?? DEFAULT_THRESHOLD;
