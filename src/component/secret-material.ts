/**
 * Gathers the secret material as Outputs: the user's Secrets (each read once per provider, src/component/secret-reads.ts),
 * generated values (`@pulumi/random`, kept in state so they stay stable across updates) and values passed in.
 */
import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random/randomPassword";
import { GENERATED_SECRETS } from "../defaults";
import type { SecretMaterial } from "../secrets/material";
import { secretReads, type SecretRefs } from "../secrets/references";
import type { SecretValuesArgs } from "../args";
import { readSecret } from "./secret-reads";

export interface MaterialSources {
  material: pulumi.Output<SecretMaterial>;
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

  const material = pulumi.secret(
    pulumi.output({
      read,
      jwtSecret,
      adminInitialPassword: generatedAdminPassword ?? values?.adminInitialPassword,
      postgresConnection: values?.postgresConnection,
      s3: values?.s3,
    }),
  ) as pulumi.Output<SecretMaterial>;
  return {
    material,
    generatedAdminPassword: generatedAdminPassword && pulumi.secret(generatedAdminPassword),
  };
}
