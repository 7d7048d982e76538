import { handle } from "@/lib/http";
import { listModels } from "@/lib/services/models";

export const dynamic = "force-dynamic";

/** GET /api/models — every model with its versions: facts, datasets, ROC AUC, flag rate and daily counts at the version's threshold. */
export const GET = handle(async () => Response.json(await listModels()));
