/** Secrets the component owns (decisions.md, "Names of owned Secrets"): which exist, and their manifests. */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { SecretRefs } from "../secrets/references";
import type { ServerPlanInput } from "../spec/types";
import { objectMeta } from "./metadata";

export type OwnedSecretRole = "jwt" | "admin" | "postgres" | "s3";

/** The owned Secrets, in creation order, from the plan alone (their existence never depends on a secret value). */
export function ownedSecretNames(refs: SecretRefs): Array<[OwnedSecretRole, string]> {
  const owned: Array<[OwnedSecretRole, string]> = [];
  if (refs.jwt.owned) owned.push(["jwt", refs.jwt.secret]);
  if (refs.adminInitial.owned) owned.push(["admin", refs.adminInitial.secret]);
  if (refs.postgresParts) owned.push(["postgres", refs.postgresParts.secret]);
  if (refs.s3?.owned) owned.push(["s3", refs.s3.secret]);
  return owned;
}

/** `data` holds base64 values, as the API server stores them; the caller encodes (and marks them secret). */
export function buildOwnedSecret(
  plan: ServerPlanInput,
  name: string,
  data: pulumi.Input<Record<string, pulumi.Input<string>>>,
): k8s.types.input.core.v1.Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: objectMeta(plan, name),
    // No `type`: the API server defaults it to Opaque, as for the operator's JWT Secret (§2.2).
    data,
  };
}

export function base64Data(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(values).sort())
    out[key] = Buffer.from(values[key], "utf8").toString("base64");
  return out;
}
