/**
 * Feb secret material → the hash entries and the owned Secrets' data, after the checks the server would otherwise
 * fail at start (JWT length, initial password length, a PostgreSQL connection that parses). Hash entries are framed
 * `<prefix>:<key>` as the operator frames them; S3 hashes every key of the Secret.
 */
import { DittoSecretError, quote } from "../../resolve/errors";
import {
  adminPasswordProblem,
  decodeBase64,
  jwtProblem,
  missingReads,
  secretLabel,
} from "../../secrets/checks";
import { adminData, jwtData, postgresData, type OwnedData } from "../../secrets/owned-data";
import type { SealedSecrets, SecretMaterial } from "../../secrets/types";
import type { Spec as FebSpec } from "../../generated/feb2026/spec";
import type { ServerPlan } from "../object-model";
import { GENERATED } from "./constants";
import type { FebRefs } from "./secret-sources";

type FebPlan = ServerPlan<FebSpec, FebRefs>;

/** One owned Secret's data, from its own material only (src/secrets/owned-data.ts says why). */
export function febOwnedData(plan: FebPlan, role: string, material: SecretMaterial): OwnedData {
  const { refs, namespace } = plan;
  const subject = `DittoServer ${quote(plan.name)}`;
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
        secretLabel(namespace, refs.adminInitial.secret, refs.adminInitial.key),
      );
    case "postgres": {
      // The user's connection string (a Secret it references, or a passed value), split.
      const source = refs.postgresSource;
      if (!source)
        return postgresData(
          subject,
          material.postgresConnection ?? "",
          "secretValues.postgresConnection",
        );
      const read = plan.secrets.reads.filter((r) => r.secret === source.secret);
      const missing = missingReads(namespace, read, material.read);
      if (missing.length > 0) throw new DittoSecretError(subject, missing);
      const text = decodeBase64(material.read[source.secret][source.key]).toString("utf8");
      return postgresData(subject, text, secretLabel(namespace, source.secret, source.key));
    }
    case "s3": {
      const s3 = material.s3 ?? { accessKeyId: "", secretAccessKey: "" };
      const data: OwnedData = { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey };
      if (s3.endpoint !== undefined) data.endpoint = s3.endpoint;
      return data;
    }
    default:
      throw new Error(`no owned Secret ${role}`);
  }
}

export function sealFeb(plan: FebPlan, material: SecretMaterial): SealedSecrets {
  const { refs, namespace } = plan;
  const subject = `DittoServer ${quote(plan.name)}`;
  const missing = missingReads(namespace, plan.secrets.reads, material.read);
  if (missing.length > 0) throw new DittoSecretError(subject, missing);

  const problems: string[] = [];
  const check = (problem: string | undefined) => problem && problems.push(problem);
  const userValue = (secret: string, key: string) => decodeBase64(material.read[secret][key]);
  const entries = new Map<string, Buffer>();

  const jwt = refs.jwt.owned
    ? Buffer.from(material.jwtSecret ?? "", "utf8")
    : userValue(refs.jwt.secret, refs.jwt.key);
  check(jwtProblem(jwt, secretLabel(namespace, refs.jwt.secret, refs.jwt.key)));
  entries.set(`jwt:${refs.jwt.key}`, jwt);

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

  // PostgreSQL: the user's connection string (split into the owned Secret the server's env reads).
  if (refs.postgresParts) {
    const source = refs.postgresSource;
    const text = source
      ? userValue(source.secret, source.key)
      : Buffer.from(material.postgresConnection ?? "", "utf8");
    entries.set(`postgres:${source ? source.key : "connection"}`, text);
    try {
      febOwnedData(plan, "postgres", material);
    } catch (e) {
      if (!(e instanceof DittoSecretError)) throw e;
      problems.push(...e.problems);
    }
  }

  if (refs.s3?.owned) {
    for (const [k, v] of Object.entries(febOwnedData(plan, "s3", material)))
      entries.set(`s3:${k}`, Buffer.from(v, "utf8"));
  } else if (refs.s3) {
    for (const [k, v] of Object.entries(material.read[refs.s3.secret]))
      entries.set(`s3:${k}`, decodeBase64(v));
  }

  if (problems.length > 0) throw new DittoSecretError(subject, problems);
  return { hashEntries: entries };
}
