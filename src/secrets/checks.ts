/**
 * Checks on secret material that the server would otherwise fail at start. Messages name the Secret and key (or the
 * arg path), never the value.
 */
import { SERVER_LIMITS } from "../defaults";
import { describeType, secretStringProblem } from "../resolve/args-shape";
import { quote } from "../resolve/errors";
import type { SecretMaterial, SecretRead } from "./types";

/** `Secret "ns/name" key "k"`: how every message names a Secret. */
export function secretLabel(namespace: string, secret: string, key?: string): string {
  return `Secret ${quote(`${namespace}/${secret}`)}${key === undefined ? "" : ` key ${quote(key)}`}`;
}

/** A referenced Secret or key that is not there. */
export function missingReads(
  namespace: string,
  reads: SecretRead[],
  read: SecretMaterial["read"],
): string[] {
  const problems: string[] = [];
  for (const { secret, requiredKeys } of reads) {
    const data = read[secret];
    if (!data) {
      problems.push(`${secretLabel(namespace, secret)} not found`);
      continue;
    }
    for (const key of requiredKeys) {
      if (data[key] === undefined)
        problems.push(`${secretLabel(namespace, secret)} has no key ${quote(key)}`);
    }
  }
  return problems;
}

/**
 * Values of the wrong type: a `secretValues` value (plain, or an Output as it resolved) or a read Secret's value
 * that is not a string. Named by arg path or Secret and key, with the type only.
 */
export function materialTypeProblems(namespace: string, material: SecretMaterial): string[] {
  const problems: string[] = [];
  const check = (value: unknown, path: string) => {
    if (typeof value === "string") {
      const problem = secretStringProblem(value, path);
      if (problem) problems.push(problem);
    } else if (value !== undefined)
      problems.push(`${path}: must be a string, not ${describeType(value)}`);
  };
  check(material.jwtSecret, "secretValues.jwtSecret");
  check(material.adminInitialPassword, "secretValues.adminInitialPassword");
  check(material.postgresConnection, "secretValues.postgresConnection");
  const s3: unknown = material.s3;
  if (s3 !== undefined && (typeof s3 !== "object" || s3 === null || Array.isArray(s3)))
    problems.push(`secretValues.s3: must be a map, not ${describeType(s3)}`);
  else if (s3 !== undefined) {
    const values = s3 as Record<string, unknown>;
    for (const key of ["accessKeyId", "secretAccessKey"]) {
      if (values[key] === undefined) problems.push(`secretValues.s3.${key}: is required`);
      else check(values[key], `secretValues.s3.${key}`);
    }
    check(values.endpoint, "secretValues.s3.endpoint");
  }
  for (const [secret, data] of Object.entries(material.read)) {
    for (const [key, value] of Object.entries(data ?? {}))
      if (typeof value !== "string")
        problems.push(
          `${secretLabel(namespace, secret, key)}: must be a string, not ${describeType(value)}`,
        );
  }
  return problems;
}

// Lengths in bytes, as the server (Go `len`) and bcrypt count them.

export function jwtProblem(value: Buffer, label: string): string | undefined {
  return value.length < SERVER_LIMITS.jwtMinLength
    ? `${label}: the JWT secret must be at least ${SERVER_LIMITS.jwtMinLength} characters (the server refuses to start otherwise)`
    : undefined;
}

export function adminPasswordProblem(value: Buffer, label: string): string | undefined {
  const { adminPasswordMinLength: min, adminPasswordMaxLength: max } = SERVER_LIMITS;
  return value.length < min || value.length > max
    ? `${label}: the admin initial password must be ${min} to ${max} characters (the server refuses to start otherwise)`
    : undefined;
}

export const decodeBase64 = (b64: string): Buffer => Buffer.from(b64, "base64");
