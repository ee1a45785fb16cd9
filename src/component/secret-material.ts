/**
 * Gathers the secret material: the user's Secrets (each read once per provider, src/component/secret-reads.ts),
 * generated values (`@pulumi/random`, kept in state so they stay stable across updates) and values passed in.
 */
import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random/randomPassword";
import { GENERATED_SECRETS } from "../defaults";
import type { SecretMaterial } from "../secrets/material";
import { secretReads, type SecretRefs } from "../secrets/references";
import type { SecretValuesArgs } from "../args";
import { isDeferred } from "./output-args";
import { readSecret } from "./secret-reads";

/** A SecretMaterial whose values may still be Outputs or Promises. */
export type MaterialInputs = {
  [K in keyof SecretMaterial]: pulumi.Input<any>;
};

export interface MaterialSources {
  material: MaterialInputs;
  /** The generated admin password, when the component generated one. */
  generatedAdminPassword?: pulumi.Output<string>;
}

export function gatherSecretMaterial(
  parent: pulumi.ComponentResource,
  name: string,
  namespace: string,
  refs: SecretRefs,
  values: SecretValuesArgs | undefined,
): MaterialSources {
  const read: Record<string, pulumi.Output<Record<string, string>>> = {};
  for (const { secret } of secretReads(refs))
    read[secret] = readSecret(parent, name, namespace, secret);

  const jwtSecret = refs.jwt.generated
    ? new RandomPassword(
        `${name}-jwt`,
        { length: GENERATED_SECRETS.jwt.length, special: false },
        { parent },
      ).result
    : values?.jwtSecret;
  const generatedAdminPassword = refs.adminInitial.generated
    ? new RandomPassword(
        `${name}-admin-password`,
        { length: GENERATED_SECRETS.admin.length, special: true, overrideSpecial: "_-" },
        { parent },
      ).result
    : undefined;

  return {
    material: {
      read,
      jwtSecret,
      adminInitialPassword: generatedAdminPassword ?? values?.adminInitialPassword,
      postgresConnection: values?.postgresConnection,
      s3: values?.s3,
    },
    generatedAdminPassword,
  };
}

/**
 * `pulumi.all([material, key]).apply(f)`, with less Output plumbing: the plain parts of the material stay plain, and
 * only its Outputs and Promises (the reads, generated values, values passed as Outputs) are waited on, with `key`.
 * Known-ness and the resources depended on are those of `pulumi.all` over the same values.
 */
export function withMaterial<T>(
  material: MaterialInputs,
  key: pulumi.Output<string>,
  f: (m: SecretMaterial, key: string) => T,
): pulumi.Output<T> {
  const deferred: unknown[] = [];
  const scan = (v: unknown): void => {
    if (isDeferred(v)) deferred.push(v);
    else if (typeof v === "object" && v !== null) Object.values(v).forEach(scan);
  };
  scan(material);
  if (deferred.length === 0) return key.apply((k) => f(material as SecretMaterial, k));
  return pulumi.all([key, ...deferred]).apply(([k, ...resolved]) => {
    // A copy of the material with each deferred value replaced by its value, in the order scan() found them.
    let next = 0;
    const fill = (v: unknown): unknown => {
      if (isDeferred(v)) return resolved[next++];
      if (Array.isArray(v)) return v.map(fill);
      if (typeof v === "object" && v !== null)
        return Object.fromEntries(Object.entries(v).map(([k2, x]) => [k2, fill(x)]));
      return v;
    };
    return f(fill(material) as SecretMaterial, k as string);
  });
}
