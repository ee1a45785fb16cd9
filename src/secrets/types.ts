/**
 * The secret side of the pipeline, in three kinds: references (Secrets the user already has, which the deployment
 * reads), values (passed in `secretValues`, or generated), and what both become (hash entries and the data of the
 * Secrets the component owns). Values never appear anywhere but in owned Secrets' data.
 */

/** A key of a Secret. */
export interface KeyRef {
  secret: string;
  key: string;
}

/** A user Secret the deployment reads: the keys that must exist. */
export interface SecretRead {
  secret: string;
  requiredKeys: string[];
}

/** The owned-Secret values a user may pass in `secretValues`, or the component generates. */
export type OwnedValueName = "jwtSecret" | "adminInitialPassword";

/** A value the component generates when none is given (kept in state by `@pulumi/random`; reused by render). */
export interface GeneratedValue {
  value: OwnedValueName;
  /** Suffix of the RandomPassword's logical name (`<name>-<suffix>`); released names never change. */
  logicalName: string;
  /** Where the value is stored: an owned Secret and key. */
  stored: KeyRef;
  /** RandomPassword arguments (render draws from the same alphabet). */
  password: { length: number; special: boolean; overrideSpecial?: string };
}

/** A part of the secret material: a passed or generated value, or a user Secret (by name) the deployment reads. */
export type MaterialPart =
  "jwtSecret" | "adminInitialPassword" | "postgresConnection" | "s3" | { read: string };

/** A Secret the component owns: `role` names its data in the sealed output and its child (`<name>-<role>-secret`). */
export interface OwnedSecret {
  role: string;
  name: string;
  /** The material its data is made from (and nothing else, so that a change elsewhere leaves it known in previews). */
  from: MaterialPart[];
}

export interface SecretPlan {
  /** User Secrets to read, each once, sorted by name. */
  reads: SecretRead[];
  generate: GeneratedValue[];
  /** In creation order. */
  owned: OwnedSecret[];
}

export interface S3Values {
  accessKeyId: string;
  secretAccessKey: string;
  endpoint?: string;
}

/** Values passed in `secretValues` (or generated), plain. */
export interface SecretValues {
  jwtSecret?: string;
  adminInitialPassword?: string;
  postgresConnection?: string;
  s3?: S3Values;
}

export interface SecretMaterial extends SecretValues {
  /** User Secrets as read (cluster or `-f` files): Secret name → key → base64 value, as in a Secret's `data`. */
  read: Record<string, Record<string, string>>;
}

/** What the whole material becomes once checked: hash entries `<prefix>:<key>` → bytes. */
export interface SealedSecrets {
  hashEntries: Map<string, Buffer>;
}
