/**
 * Secret material → what the deployment derives from it: the entries of the config hash, the data of the Secrets
 * the component owns, and the checks the server would otherwise fail at start (§10.2.2-4). Errors name the Secret
 * and key, never the value.
 */
import { GENERATED_SECRETS, SERVER_LIMITS } from "../defaults";
import { DittoSecretError } from "../spec/errors";
import type { ServerPlanInput } from "../spec/types";
import {
  parsePostgresConnection,
  PostgresConnectionError,
  type PostgresParts,
} from "./postgres-connection";
import { secretReads, type SecretRefs } from "./references";

export interface S3Values {
  accessKeyId: string;
  secretAccessKey: string;
  endpoint?: string;
}

export interface SecretMaterial {
  /** User Secrets as read (cluster or `-f` files): Secret name → key → base64 value, as in a Secret's `data`. */
  read: Record<string, Record<string, string>>;
  /** Values of the Secrets the component owns: passed in, or generated. */
  jwtSecret?: string;
  adminInitialPassword?: string;
  postgresConnection?: string;
  s3?: S3Values;
}

export interface OwnedSecretData {
  jwt?: Record<string, string>;
  admin?: Record<string, string>;
  postgres?: PostgresParts;
  s3?: Record<string, string>;
}

export interface SecretFacts {
  /** Hash entries `<prefix>:<key>` → bytes (§4.3), in no particular order. */
  hashEntries: Map<string, Buffer>;
  /** Plain-text data of each owned Secret. */
  owned: OwnedSecretData;
}

const decode = (b64: string) => Buffer.from(b64, "base64");

export function secretFacts(
  plan: ServerPlanInput,
  refs: SecretRefs,
  material: SecretMaterial,
): SecretFacts {
  const problems: string[] = [];
  const where = (secret: string, key?: string) =>
    `Secret ${JSON.stringify(`${plan.namespace}/${secret}`)}${key === undefined ? "" : ` key ${JSON.stringify(key)}`}`;

  for (const read of secretReads(refs)) {
    const data = material.read[read.secret];
    if (!data) {
      problems.push(`${where(read.secret)} not found`);
      continue;
    }
    for (const key of read.requiredKeys) {
      if (data[key] === undefined)
        problems.push(`${where(read.secret)} has no key ${JSON.stringify(key)}`);
    }
  }
  if (problems.length > 0)
    throw new DittoSecretError(`DittoServer ${JSON.stringify(plan.name)}`, problems);

  const userValue = (secret: string, key: string) => decode(material.read[secret][key]);
  const entries = new Map<string, Buffer>();
  const owned: OwnedSecretData = {};

  // JWT (§10.2.2)
  const jwt = refs.jwt.owned
    ? Buffer.from(material.jwtSecret ?? "", "utf8")
    : userValue(refs.jwt.secret, refs.jwt.key);
  // Lengths in bytes, as the server (Go `len`) and bcrypt count them.
  if (jwt.length < SERVER_LIMITS.jwtMinLength) {
    problems.push(
      `${where(refs.jwt.secret, refs.jwt.key)}: the JWT secret must be at least ${SERVER_LIMITS.jwtMinLength} characters (the server refuses to start otherwise)`,
    );
  }
  entries.set(`jwt:${refs.jwt.key}`, jwt);
  if (refs.jwt.owned) owned.jwt = { [GENERATED_SECRETS.jwt.key]: jwt.toString("utf8") };

  // Admin: the Feb hash (parity), then the initial password the server reads (§10.2.3)
  if (refs.adminHash)
    entries.set(
      `admin:${refs.adminHash.key}`,
      userValue(refs.adminHash.secret, refs.adminHash.key),
    );
  const initial = refs.adminInitial.owned
    ? Buffer.from(material.adminInitialPassword ?? "", "utf8")
    : userValue(refs.adminInitial.secret, refs.adminInitial.key);
  const initialLength = initial.length;
  if (
    initialLength < SERVER_LIMITS.adminPasswordMinLength ||
    initialLength > SERVER_LIMITS.adminPasswordMaxLength
  ) {
    problems.push(
      `${where(refs.adminInitial.secret, refs.adminInitial.key)}: the admin initial password must be ${SERVER_LIMITS.adminPasswordMinLength} to ${SERVER_LIMITS.adminPasswordMaxLength} characters (the server refuses to start otherwise)`,
    );
  }
  entries.set(`admin-initial:${refs.adminInitial.key}`, initial);
  if (refs.adminInitial.owned) {
    owned.admin = {
      [GENERATED_SECRETS.admin.usernameKey]: GENERATED_SECRETS.admin.username,
      [GENERATED_SECRETS.admin.passwordKey]: initial.toString("utf8"),
    };
  }

  // PostgreSQL (§10.2.4): the user's string, split into the owned Secret
  if (refs.postgresParts) {
    const source = refs.postgresSource;
    const text = source
      ? userValue(source.secret, source.key)
      : Buffer.from(material.postgresConnection ?? "", "utf8");
    entries.set(`postgres:${source ? source.key : "connection"}`, text);
    try {
      owned.postgres = parsePostgresConnection(text.toString("utf8"));
    } catch (e) {
      if (!(e instanceof PostgresConnectionError)) throw e;
      const label = source ? where(source.secret, source.key) : "secretValues.postgresConnection";
      problems.push(`${label}: the PostgreSQL connection string ${e.message}`);
    }
  }

  // S3: every key of the Secret, with its own prefix (§4.3)
  if (refs.s3) {
    if (refs.s3.owned) {
      const s3 = material.s3 ?? { accessKeyId: "", secretAccessKey: "" };
      owned.s3 = { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey };
      if (s3.endpoint !== undefined) owned.s3.endpoint = s3.endpoint;
      for (const [k, v] of Object.entries(owned.s3)) entries.set(`s3:${k}`, Buffer.from(v, "utf8"));
    } else {
      for (const [k, v] of Object.entries(material.read[refs.s3.secret]))
        entries.set(`s3:${k}`, decode(v));
    }
  }

  if (problems.length > 0)
    throw new DittoSecretError(`DittoServer ${JSON.stringify(plan.name)}`, problems);
  return { hashEntries: entries, owned };
}
