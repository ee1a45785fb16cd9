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

/**
 * One owned Secret's data, base64: from its own material only (the component derives each apart, so that a value
 * made anew leaves the others known in a preview). Throws DittoSecretError naming the Secret or arg, never a value.
 */
export function sealOwned(
  model: ObjectModel,
  plan: ServerPlan<unknown>,
  role: string,
  material: SecretMaterial,
): Record<string, string> {
  const subject = `DittoServer ${quote(plan.name)}`;
  const wrongTypes = materialTypeProblems(plan.namespace, material);
  if (wrongTypes.length > 0) throw new DittoSecretError(subject, wrongTypes);
  const data = model.ownedData(plan, role, material);
  const bytes = textDataBytes(data);
  if (bytes > MAX_DATA_BYTES) {
    const owned = plan.secrets.owned.find((o) => o.role === role);
    throw new DittoSecretError(subject, [
      `${secretLabel(plan.namespace, owned?.name ?? role)}: ${tooLarge(bytes)}`,
    ]);
  }
  return base64Data(data);
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
  const { hashEntries } = model.seal(plan, material);
  const ownedData: Record<string, Record<string, string>> = {};
  const tooBig: string[] = [];
  for (const { role } of plan.secrets.owned) {
    try {
      ownedData[role] = sealOwned(model, plan, role, material);
    } catch (e) {
      if (!(e instanceof DittoSecretError)) throw e;
      tooBig.push(...e.problems);
    }
  }
  if (tooBig.length > 0) throw new DittoSecretError(subject, tooBig);
  return { configHash: configHash(hashKey, plan.config, hashEntries), ownedData };
}
