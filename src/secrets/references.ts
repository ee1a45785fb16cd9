/**
 * Where each secret the pod reads comes from: a Secret the user references, a Secret the component owns, or
 * Percona's user Secret. Pure: from the resolved spec and which values were passed in. The env builder, the reads,
 * the hash and the owned-Secret builders all work from this one plan.
 */
import { GENERATED_SECRETS } from "../defaults";
import { objectNames } from "../naming";
import type { ServerPlanInput } from "../spec/types";
import { POSTGRES_PART_KEYS } from "./postgres-connection";

export interface KeyRef {
  secret: string;
  key: string;
}

export interface S3Refs {
  secret: string;
  accessKeyId: string;
  secretAccessKey: string;
  endpoint: string;
  /** The user's Secret: hash every key of it (as the operator does). */
  owned: boolean;
}

export interface SecretRefs {
  jwt: KeyRef & { owned: boolean; generated: boolean };
  /** Feb parity only (`DITTOFS_ADMIN_PASSWORD_HASH`); the server ignores it. */
  adminHash?: KeyRef;
  adminInitial: KeyRef & { owned: boolean; generated: boolean };
  /** The user's connection-string Secret (Feb env `DITTOFS_DATABASE_POSTGRES`, and the source of the parts). */
  postgresSource?: KeyRef;
  /** The Secret with the split connection the server reads (owned), when a connection is given. */
  postgresParts?: { secret: string };
  s3?: S3Refs;
  percona?: { secret: string };
}

export function secretRefs(plan: ServerPlanInput): SecretRefs {
  const { spec, values } = plan;
  const names = objectNames(plan.name);
  const jwtRef = spec.identity.jwt.secretRef;
  const initialRef = spec.identity.admin.initialPasswordSecretRef;
  const s3Ref = spec.s3?.credentialsSecretRef;
  const pgRef = spec.database.postgresSecretRef;
  return {
    jwt:
      jwtRef && jwtRef.name !== ""
        ? { secret: jwtRef.name, key: jwtRef.key, owned: false, generated: false }
        : {
            secret: names.jwtSecret,
            key: GENERATED_SECRETS.jwt.key,
            owned: true,
            generated: !values.jwtSecret,
          },
    adminHash: spec.identity.admin.passwordSecretRef
      ? {
          secret: spec.identity.admin.passwordSecretRef.name,
          key: spec.identity.admin.passwordSecretRef.key,
        }
      : undefined,
    adminInitial: initialRef
      ? { secret: initialRef.name, key: initialRef.key, owned: false, generated: false }
      : {
          secret: names.adminSecret,
          key: GENERATED_SECRETS.admin.passwordKey,
          owned: true,
          generated: !values.adminInitialPassword,
        },
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

/** A user Secret the deployment reads: the keys that must exist, and whether all its keys feed the hash. */
export interface SecretRead {
  secret: string;
  requiredKeys: string[];
  /** S3: every key is hashed (§4.3), the endpoint key may be absent. */
  allKeys: boolean;
}

/**
 * The user Secrets to read, each once (decisions.md: every referenced Secret except Percona's, which another
 * controller creates). Sorted by name for a stable order of reads.
 */
export function secretReads(refs: SecretRefs): SecretRead[] {
  const reads = new Map<string, SecretRead>();
  const need = (secret: string, key: string | undefined, allKeys = false) => {
    const read = reads.get(secret) ?? { secret, requiredKeys: [], allKeys: false };
    if (key !== undefined && !read.requiredKeys.includes(key)) read.requiredKeys.push(key);
    read.allKeys ||= allKeys;
    reads.set(secret, read);
  };
  if (!refs.jwt.owned) need(refs.jwt.secret, refs.jwt.key);
  if (refs.adminHash) need(refs.adminHash.secret, refs.adminHash.key);
  if (!refs.adminInitial.owned) need(refs.adminInitial.secret, refs.adminInitial.key);
  if (refs.postgresSource) need(refs.postgresSource.secret, refs.postgresSource.key);
  if (refs.s3 && !refs.s3.owned) {
    need(refs.s3.secret, refs.s3.accessKeyId, true);
    need(refs.s3.secret, refs.s3.secretAccessKey, true);
  }
  return [...reads.values()].sort((a, b) =>
    a.secret < b.secret ? -1 : a.secret > b.secret ? 1 : 0,
  );
}

export { POSTGRES_PART_KEYS };
