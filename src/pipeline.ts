/**
 * The first step of the pipeline shared by the component and `dittofs render`: args → the model's plan of one
 * server (validated, defaulted, secrets located, config rendered). The next steps are the secret material (gathered
 * by each face its own way), `sealSecrets` (src/secrets/seal.ts) and `model.objects`.
 */
import type { ObjectModel, ServerPlan } from "./models/object-model";
import { objectNames } from "./naming";
import type { PlainArgs } from "./resolve/component-fields";
import { DittoSpecError, quote } from "./resolve/errors";
import { argPath } from "./resolve/field-path";
import { MAX_DATA_BYTES, tooLarge } from "./resolve/object-limits";
import { resolveServer, type ResolveOptions } from "./resolve/resolve-server";

export interface Planned {
  model: ObjectModel;
  plan: ServerPlan<any, any>;
  warnings: string[];
}

/** The path and length of the longest string in `spec` (what most likely made the config too large). */
function longestString(spec: unknown): { path: string; length: number } {
  let best = { path: "spec", length: 0 };
  const walk = (value: unknown, keys: Array<string | number>) => {
    if (typeof value === "string" && value.length > best.length)
      best = { path: argPath(keys, []), length: value.length };
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...keys, i]));
    else if (typeof value === "object" && value !== null)
      for (const [k, v] of Object.entries(value)) walk(v, [...keys, k]);
  };
  walk(spec, []);
  return best;
}

export function planServer(name: string, args: PlainArgs, options?: ResolveOptions): Planned {
  const { model, server, warnings } = resolveServer(name, args, options);
  const plan = model.plan(server);
  // The config is the ConfigMap's only value: it must fit the API server's 1 MiB.
  const bytes = Buffer.byteLength(plan.config, "utf8");
  if (bytes > MAX_DATA_BYTES) {
    const longest = longestString(server.spec);
    throw new DittoSpecError(options?.subject ?? `DittoServer ${quote(name)}`, [
      `${longest.path}: ${longest.length} characters make the server config (ConfigMap ${quote(objectNames(name).configMap)}) too large: ${tooLarge(bytes)}`,
    ]);
  }
  return { model, plan, warnings };
}
