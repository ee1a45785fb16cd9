/**
 * Feb secret material → the hash entries and the owned Secrets' data, after the checks the server would otherwise
 * fail at start (JWT length, initial password length, a PostgreSQL connection that parses). Hash entries are framed
 * `<prefix>:<key>` as the operator frames them; S3 hashes every key of the Secret.
 */
import { ADMIN_USERNAME } from "../../defaults";
import { DittoSecretError, quote } from "../../resolve/errors";
import {
  adminPasswordProblem,
  decodeBase64,
  jwtProblem,
  missingReads,
  secretLabel,
} from "../../secrets/checks";
import {
  parsePostgresConnection,
  PostgresConnectionError,
} from "../../secrets/postgres-connection";
import type { SealedSecrets, SecretMaterial } from "../../secrets/types";
import type { Spec as FebSpec } from "../../generated/feb2026/spec";
import type { ServerPlan } from "../object-model";
import { GENERATED } from "./constants";
import type { FebRefs } from "./secret-sources";

export function sealFeb(
  plan: ServerPlan<FebSpec, FebRefs>,
  material: SecretMaterial,
): SealedSecrets {
  const { refs, namespace } = plan;
  const subject = `DittoServer ${quote(plan.name)}`;
  const missing = missingReads(namespace, plan.secrets.reads, material.read);
  if (missing.length > 0) throw new DittoSecretError(subject, missing);

  const problems: string[] = [];
  const check = (problem: string | undefined) => problem && problems.push(problem);
  const userValue = (secret: string, key: string) => decodeBase64(material.read[secret][key]);
  const entries = new Map<string, Buffer>();
  const owned: Record<string, Record<string, string>> = {};

  const jwt = refs.jwt.owned
    ? Buffer.from(material.jwtSecret ?? "", "utf8")
    : userValue(refs.jwt.secret, refs.jwt.key);
  check(jwtProblem(jwt, secretLabel(namespace, refs.jwt.secret, refs.jwt.key)));
  entries.set(`jwt:${refs.jwt.key}`, jwt);
  if (refs.jwt.owned) owned.jwt = { [GENERATED.jwt.key]: jwt.toString("utf8") };

  // The inert hash (parity), then the initial password the server reads.
  if (refs.adminHash)
    entries.set(
      `admin:${refs.adminHash.key}`,
      userValue(refs.adminHash.secret, refs.adminHash.key),
    );
  const { adminInitial } = refs;
  const initial = adminInitial.owned
    ? Buffer.from(material.adminInitialPassword ?? "", "utf8")
    : userValue(adminInitial.secret, adminInitial.key);
  check(
    adminPasswordProblem(initial, secretLabel(namespace, adminInitial.secret, adminInitial.key)),
  );
  entries.set(`admin-initial:${adminInitial.key}`, initial);
  if (adminInitial.owned) {
    owned.admin = {
      username: ADMIN_USERNAME,
      [GENERATED.adminPassword.key]: initial.toString("utf8"),
    };
  }

  // PostgreSQL: the user's connection string, split into the owned Secret the server's env reads.
  if (refs.postgresParts) {
    const source = refs.postgresSource;
    const text = source
      ? userValue(source.secret, source.key)
      : Buffer.from(material.postgresConnection ?? "", "utf8");
    entries.set(`postgres:${source ? source.key : "connection"}`, text);
    try {
      owned.postgres = { ...parsePostgresConnection(text.toString("utf8")) };
    } catch (e) {
      if (!(e instanceof PostgresConnectionError)) throw e;
      const label = source
        ? secretLabel(namespace, source.secret, source.key)
        : "secretValues.postgresConnection";
      problems.push(`${label}: the PostgreSQL connection string ${e.message}`);
    }
  }

  if (refs.s3?.owned) {
    const s3 = material.s3 ?? { accessKeyId: "", secretAccessKey: "" };
    owned.s3 = { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey };
    if (s3.endpoint !== undefined) owned.s3.endpoint = s3.endpoint;
    for (const [k, v] of Object.entries(owned.s3)) entries.set(`s3:${k}`, Buffer.from(v, "utf8"));
  } else if (refs.s3) {
    for (const [k, v] of Object.entries(material.read[refs.s3.secret]))
      entries.set(`s3:${k}`, decodeBase64(v));
  }

  if (problems.length > 0) throw new DittoSecretError(subject, problems);
  return { hashEntries: entries, owned };
}
