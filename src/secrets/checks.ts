/**
 * Checks on secret material that the server would otherwise fail at start. Messages name the Secret and key (or the
 * arg path), never the value.
 */
import { SERVER_LIMITS } from "../defaults";
import type { SecretMaterial, SecretRead } from "./types";

/** `Secret "ns/name" key "k"`: how every message names a Secret. */
export function secretLabel(namespace: string, secret: string, key?: string): string {
  return `Secret ${JSON.stringify(`${namespace}/${secret}`)}${key === undefined ? "" : ` key ${JSON.stringify(key)}`}`;
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
        problems.push(`${secretLabel(namespace, secret)} has no key ${JSON.stringify(key)}`);
    }
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
