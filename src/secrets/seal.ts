/** Secret material → the config hash and the owned Secrets' data (base64, as the API server stores it). */
import { configHash } from "../hash";
import type { ObjectModel, ServerPlan } from "../models/object-model";
import { DittoSecretError, quote } from "../resolve/errors";
import { MAX_DATA_BYTES, textDataBytes, tooLarge } from "../resolve/object-limits";
import { materialTypeProblems, secretLabel } from "./checks";
import type { SecretMaterial } from "./types";

export interface Sealed {
  configHash: string;
  ownedData: Record<string, Record<string, string>>;
}

export function base64Data(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(values).sort())
    out[key] = Buffer.from(values[key], "utf8").toString("base64");
  return out;
}

/** Throws DittoSecretError (naming Secrets and keys, never values) when the material would not start the server. */
export function sealSecrets(
  model: ObjectModel,
  plan: ServerPlan<unknown>,
  material: SecretMaterial,
  hashKey: string,
): Sealed {
  const subject = `DittoServer ${quote(plan.name)}`;
  const wrongTypes = materialTypeProblems(plan.namespace, material);
  if (wrongTypes.length > 0) throw new DittoSecretError(subject, wrongTypes);
  const sealed = model.seal(plan, material);
  const ownedData: Record<string, Record<string, string>> = {};
  const tooBig: string[] = [];
  for (const [role, data] of Object.entries(sealed.owned)) {
    const bytes = textDataBytes(data);
    const owned = plan.secrets.owned.find((o) => o.role === role);
    if (bytes > MAX_DATA_BYTES)
      tooBig.push(`${secretLabel(plan.namespace, owned?.name ?? role)}: ${tooLarge(bytes)}`);
    ownedData[role] = base64Data(data);
  }
  if (tooBig.length > 0) throw new DittoSecretError(subject, tooBig);
  return { configHash: configHash(hashKey, plan.config, sealed.hashEntries), ownedData };
}
