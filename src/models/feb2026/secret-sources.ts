/**
 * Where each secret the Feb pod reads comes from: a Secret the user references, a Secret the component owns (a value
 * passed in `secretValues`, or generated), or Percona's user Secret. Pure: from the resolved spec and which values
 * were passed. The env builder, the reads, the generated values, the hash and the owned Secrets all work from this.
 */
import { objectNames } from "../../naming";
import { secretReads } from "../../secrets/reads";
import type { GeneratedValue, KeyRef, OwnedSecret, SecretPlan } from "../../secrets/types";
import type { ResolvedServer } from "../object-model";
import { GENERATED } from "./constants";
import type { Spec as FebSpec } from "../../generated/feb2026/spec";

export interface S3Refs {
  secret: string;
  accessKeyId: string;
  secretAccessKey: string;
  endpoint: string;
  /** An owned Secret holds exactly the passed values; of the user's Secret every key is hashed (as the operator does). */
  owned: boolean;
}

export interface FebRefs {
  jwt: KeyRef & { owned: boolean; generated: boolean };
  /** Parity only (`DITTOFS_ADMIN_PASSWORD_HASH`); the server ignores it. */
  adminHash?: KeyRef;
  adminInitial: KeyRef & { owned: boolean; generated: boolean };
  /** The user's connection-string Secret (env `DITTOFS_DATABASE_POSTGRES`, and the source of the parts). */
  postgresSource?: KeyRef;
  /** The owned Secret with the split connection the server reads, when a connection is given. */
  postgresParts?: { secret: string };
  s3?: S3Refs;
  /** Created by the Percona operator: referenced in env, never read, not hashed. */
  percona?: { secret: string };
}

export function secretRefs(server: ResolvedServer<FebSpec>): FebRefs {
  const { spec, values } = server;
  const names = objectNames(server.name);
  const jwtRef = spec.identity.jwt.secretRef;
  const initialRef = spec.identity.admin.initialPasswordSecretRef;
  const hashRef = spec.identity.admin.passwordSecretRef;
  const s3Ref = spec.s3?.credentialsSecretRef;
  const pgRef = spec.database.postgresSecretRef;
  // A value from the user's Secret, or from a Secret the component owns (generated unless passed in).
  const user = (ref: { name: string; key: string }) => ({
    secret: ref.name,
    key: ref.key,
    owned: false,
    generated: false,
  });
  const owned = (secret: string, key: string, passed: boolean) => ({
    secret,
    key,
    owned: true,
    generated: !passed,
  });
  return {
    jwt:
      jwtRef && jwtRef.name !== ""
        ? user(jwtRef)
        : owned(names.jwtSecret, GENERATED.jwt.key, values.jwtSecret),
    adminHash: hashRef ? { secret: hashRef.name, key: hashRef.key } : undefined,
    adminInitial: initialRef
      ? user(initialRef)
      : owned(names.adminSecret, GENERATED.adminPassword.key, values.adminInitialPassword),
    postgresSource: pgRef ? { secret: pgRef.name, key: pgRef.key } : undefined,
    postgresParts:
      pgRef || values.postgresConnection ? { secret: names.postgresSecret } : undefined,
    s3: s3Ref
      ? {
          secret: s3Ref.secretName,
          accessKeyId: s3Ref.accessKeyIdKey,
          secretAccessKey: s3Ref.secretAccessKeyKey,
          endpoint: s3Ref.endpointKey,
          owned: false,
        }
      : values.s3
        ? {
            secret: names.s3Secret,
            accessKeyId: "accessKeyId",
            secretAccessKey: "secretAccessKey",
            endpoint: "endpoint",
            owned: true,
          }
        : undefined,
    percona: spec.percona.enabled ? { secret: names.perconaUserSecret } : undefined,
  };
}

/** What the deployment reads, generates and owns, from the refs. */
export function secretPlan(refs: FebRefs): SecretPlan {
  const userS3 = refs.s3 && !refs.s3.owned ? refs.s3 : undefined;
  const reads = secretReads([
    refs.jwt.owned ? undefined : refs.jwt,
    refs.adminHash,
    refs.adminInitial.owned ? undefined : refs.adminInitial,
    refs.postgresSource,
    userS3 && { secret: userS3.secret, key: userS3.accessKeyId },
    userS3 && { secret: userS3.secret, key: userS3.secretAccessKey },
  ]);

  const generate: GeneratedValue[] = [];
  if (refs.jwt.generated) {
    generate.push({
      value: "jwtSecret",
      logicalName: "jwt",
      stored: refs.jwt,
      password: { length: GENERATED.jwt.length, special: GENERATED.jwt.special },
    });
  }
  if (refs.adminInitial.generated) {
    const { length, special, overrideSpecial } = GENERATED.adminPassword;
    generate.push({
      value: "adminInitialPassword",
      logicalName: "admin-password",
      stored: refs.adminInitial,
      password: { length, special, overrideSpecial },
    });
  }

  const owned: OwnedSecret[] = [];
  if (refs.jwt.owned) owned.push({ role: "jwt", name: refs.jwt.secret, from: ["jwtSecret"] });
  if (refs.adminInitial.owned) {
    const { secret } = refs.adminInitial;
    owned.push({ role: "admin", name: secret, from: ["adminInitialPassword"] });
  }
  if (refs.postgresParts) {
    const source = refs.postgresSource;
    const from: OwnedSecret["from"] = [source ? { read: source.secret } : "postgresConnection"];
    owned.push({ role: "postgres", name: refs.postgresParts.secret, from });
  }
  if (refs.s3?.owned) owned.push({ role: "s3", name: refs.s3.secret, from: ["s3"] });

  return { reads, generate, owned };
}
