/**
 * Names and keys as the API server validates them (apimachinery's IsDNS1123Subdomain, IsDNS1123Label and
 * IsConfigMapKey), so that a reference that no object can carry is rejected with its field path up front.
 */
import { show } from "./errors";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

export const isDns1123Label = (s: string): boolean => s.length <= 63 && DNS1123_LABEL.test(s);
export const isDns1123Subdomain = (s: string): boolean =>
  s.length <= 253 && DNS1123_SUBDOMAIN.test(s);

/** Object names (Secrets, StorageClasses): a DNS-1123 subdomain. */
export function subdomainProblem(value: string, path: string, what: string): string | undefined {
  return isDns1123Subdomain(value)
    ? undefined
    : `${path}: ${show(value)} must be ${what}: a DNS-1123 subdomain (at most 253 of lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)`;
}

/** A key of a Secret's or ConfigMap's data. */
export function isSecretKey(key: string): boolean {
  return key.length <= 253 && SECRET_KEY.test(key) && key !== "." && key !== "..";
}

export function secretKeyProblem(value: string, path: string): string | undefined {
  return isSecretKey(value)
    ? undefined
    : `${path}: ${show(value)} must be a valid Secret key (at most 253 of letters, digits, '-', '_' and '.', not "." or "..")`;
}

/**
 * A Secret selector's name and key as the objects will carry them: each, when not empty, a name and a key some Secret
 * can have (empty ones are the models' own rules: a generated value, or "must name a Secret").
 */
export function selectorProblems(
  ref: { name?: string; key?: string } | undefined,
  path: string,
  { checkKey = true }: { checkKey?: boolean } = {},
): string[] {
  if (!ref) return [];
  const problems: string[] = [];
  if (ref.name) {
    const problem = subdomainProblem(ref.name, `${path}.name`, "a Secret name");
    if (problem) problems.push(problem);
  }
  if (ref.key && checkKey) {
    const problem = secretKeyProblem(ref.key, `${path}.key`);
    if (problem) problems.push(problem);
  }
  return problems;
}
