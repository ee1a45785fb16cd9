/**
 * The first step of the pipeline shared by the component and `dittofs render`: args → the model's plan of one
 * server (validated, defaulted, secrets located, config rendered). The next steps are the secret material (gathered
 * by each face its own way), `sealSecrets` (src/secrets/seal.ts) and `model.objects`.
 */
import type { ObjectModel, ServerPlan } from "./models/object-model";
import type { PlainArgs } from "./resolve/component-fields";
import { resolveServer, type ResolveOptions } from "./resolve/resolve-server";

export interface Planned {
  model: ObjectModel;
  plan: ServerPlan<any, any>;
  warnings: string[];
}

export function planServer(name: string, args: PlainArgs, options?: ResolveOptions): Planned {
  const { model, server, warnings } = resolveServer(name, args, options);
  return { model, plan: model.plan(server), warnings };
}
