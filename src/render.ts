/**
 * Render one DittoServer without the Pulumi runtime: resolve, read the material, hash, build. Used by
 * `dittofs render`; the component does the same steps with Outputs (src/component/ditto-server.ts).
 */
import { randomInt } from "crypto";
import { GENERATED_SECRETS } from "./defaults";
import { renderConfig } from "./config/render-config";
import { configHash } from "./hash";
import { base64Data } from "./k8s/secrets";
import { buildManifests, manifestList, type OwnedSecretInputs } from "./manifests";
import { secretFacts, type SecretMaterial } from "./secrets/material";
import { secretRefs } from "./secrets/references";
import { resolveSpec, type PlainArgs } from "./spec/resolve";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Crypto-random characters from `alphabet` (unbiased: randomInt rejects out-of-range draws). */
export function randomString(length: number, alphabet: string): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Same alphabets as the component's RandomPassword resources. */
export function generateSecretValues(): { jwtSecret: string; adminInitialPassword: string } {
  return {
    jwtSecret: randomString(GENERATED_SECRETS.jwt.length, ALPHANUMERIC),
    adminInitialPassword: randomString(GENERATED_SECRETS.admin.length, `${ALPHANUMERIC}_-`),
  };
}

export interface RenderResult {
  objects: object[];
  warnings: string[];
  configHash: string;
}

export function renderServer(
  name: string,
  args: PlainArgs,
  read: SecretMaterial["read"],
  hashKey: string,
  generated = generateSecretValues(),
): RenderResult {
  const { plan, warnings } = resolveSpec(name, args);
  const refs = secretRefs(plan);
  const values = args.secretValues as Omit<SecretMaterial, "read"> | undefined;
  const material: SecretMaterial = {
    read,
    jwtSecret: values?.jwtSecret ?? generated.jwtSecret,
    adminInitialPassword: values?.adminInitialPassword ?? generated.adminInitialPassword,
    postgresConnection: values?.postgresConnection,
    s3: values?.s3,
  };
  const facts = secretFacts(plan, refs, material);
  const config = renderConfig(plan.spec, plan.values.postgresConnection);
  const digest = configHash(hashKey, config, facts.hashEntries);
  const owned: OwnedSecretInputs = {};
  if (facts.owned.jwt) owned.jwt = base64Data(facts.owned.jwt);
  if (facts.owned.admin) owned.admin = base64Data(facts.owned.admin);
  if (facts.owned.postgres) owned.postgres = base64Data({ ...facts.owned.postgres });
  if (facts.owned.s3) owned.s3 = base64Data(facts.owned.s3);
  const manifests = buildManifests(plan, refs, config, digest, owned);
  return { objects: manifestList(manifests), warnings, configHash: digest };
}
