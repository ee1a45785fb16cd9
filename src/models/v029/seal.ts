/**
 * v0.29 secret material → the hash entries and the owned Secrets' data, after the checks the server would otherwise
 * fail at start (JWT length, initial password length, a PostgreSQL connection that parses). Entries are framed as the
 * v0.29 operator frames them, plus the LDAP bind password (differences: hash-ldap-bind-password). Neither the metrics
 * token nor the TLS Secrets are hashed: the kubelet refreshes mounted Secrets and the server reloads its TLS files.
 */
import type { Spec as V029Spec } from "../../generated/v029/spec";
import { DittoSecretError } from "../../resolve/errors";
import {
  adminPasswordProblem,
  decodeBase64,
  jwtProblem,
  missingReads,
  secretLabel,
} from "../../secrets/checks";
import { adminData, jwtData, postgresData, type OwnedData } from "../../secrets/owned-data";
import type { KeyRef, SealedSecrets, SecretMaterial } from "../../secrets/types";
import type { ServerPlan } from "../object-model";
import { GENERATED } from "./constants";
import type { V029Refs } from "./secret-sources";

type V029Plan = ServerPlan<V029Spec, V029Refs>;

/** One owned Secret's data, from its own material only (src/secrets/owned-data.ts says why). */
export function v029OwnedData(plan: V029Plan, role: string, material: SecretMaterial): OwnedData {
  const { refs, namespace } = plan;
  const subject = `DittoServer ${JSON.stringify(plan.name)}`;
  switch (role) {
    case "jwt":
      return jwtData(
        subject,
        material.jwtSecret ?? "",
        GENERATED.jwt.key,
        secretLabel(namespace, refs.jwt.secret, refs.jwt.key),
      );
    case "admin":
      return adminData(
        subject,
        material.adminInitialPassword ?? "",
        GENERATED.adminPassword.key,
        secretLabel(namespace, refs.admin.secret, refs.admin.key),
      );
    case "postgres":
      return postgresData(
        subject,
        material.postgresConnection ?? "",
        "secretValues.postgresConnection",
      );
    default:
      throw new Error(`no owned Secret ${role}`);
  }
}

export function sealV029(plan: V029Plan, material: SecretMaterial): SealedSecrets {
  const { refs, namespace } = plan;
  const subject = `DittoServer ${JSON.stringify(plan.name)}`;
  const missing = missingReads(namespace, plan.secrets.reads, material.read);
  if (missing.length > 0) throw new DittoSecretError(subject, missing);

  const problems: string[] = [];
  const check = (problem: string | undefined) => problem && problems.push(problem);
  const userValue = (ref: KeyRef) => decodeBase64(material.read[ref.secret][ref.key]);
  const entries = new Map<string, Buffer>();

  const jwt = refs.jwt.owned ? Buffer.from(material.jwtSecret ?? "", "utf8") : userValue(refs.jwt);
  check(jwtProblem(jwt, secretLabel(namespace, refs.jwt.secret, refs.jwt.key)));
  entries.set(`jwt:${refs.jwt.key}`, jwt);

  const admin = refs.admin.owned
    ? Buffer.from(material.adminInitialPassword ?? "", "utf8")
    : userValue(refs.admin);
  check(adminPasswordProblem(admin, secretLabel(namespace, refs.admin.secret, refs.admin.key)));
  entries.set(`admin:${refs.admin.key}`, admin);

  // Every key of the PostgreSQL Secret, as the operator hashes it.
  if (refs.postgres?.owned) {
    try {
      const parts = v029OwnedData(plan, "postgres", material);
      for (const [k, v] of Object.entries(parts))
        entries.set(`postgres:${k}`, Buffer.from(v, "utf8"));
    } catch (e) {
      if (!(e instanceof DittoSecretError)) throw e;
      problems.push(...e.problems);
    }
  } else if (refs.postgres) {
    for (const [k, v] of Object.entries(material.read[refs.postgres.secret]))
      entries.set(`postgres:${k}`, decodeBase64(v));
  }

  const named: Array<[string, KeyRef | undefined]> = [
    ["kerberos-keytab", refs.kerberosKeytab],
    ["kerberos-krb5", refs.kerberosKrb5],
    ["kerberos-machine-secret", refs.kerberosMachineSecret],
    ["kerberos-machine-keytab", refs.kerberosMachineKeytab],
    ["ldap", refs.ldapBindPassword],
  ];
  for (const [prefix, ref] of named) {
    if (ref) entries.set(`${prefix}:${ref.secret}:${ref.key}`, userValue(ref));
  }

  if (problems.length > 0) throw new DittoSecretError(subject, problems);
  return { hashEntries: entries };
}
