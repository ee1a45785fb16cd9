/**
 * Values as the engine sends them to a provider that accepts secrets: a secret is an object tagged with Pulumi's
 * secret signature, an unknown (a preview's not-yet-known Output) is a fixed string. The kinds work on plain values;
 * this module takes the tags off on the way in and puts them back on the way out.
 */

/** Pulumi's signature key and the value that marks a secret. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The string the engine sends for a value it does not know yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Plain = Record<string, unknown>;

export function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

export function secret(value: unknown): unknown {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** True when the value, or anything in it, is not known yet. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null)
    return Object.values(value as Plain).some(containsUnknown);
  return false;
}

/** The value with every secret tag removed, and whether any was there. */
export function reveal(value: unknown): { value: unknown; secret: boolean } {
  if (isSecret(value)) return { value: reveal(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(reveal);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === "object" && value !== null) {
    let anySecret = false;
    const out: Plain = {};
    for (const [k, v] of Object.entries(value as Plain)) {
      const r = reveal(v);
      out[k] = r.value;
      anySecret ||= r.secret;
    }
    return { value: out, secret: anySecret };
  }
  return { value, secret: false };
}

/**
 * Top-level properties without tags, and the names of those that were (or held) secrets: a value the user made
 * secret stays secret in the state even where the schema does not ask for it.
 */
export function revealProperties(props: Plain): { plain: Plain; secrets: Set<string> } {
  const plain: Plain = {};
  const secrets = new Set<string>();
  for (const [k, v] of Object.entries(props)) {
    const r = reveal(v);
    plain[k] = r.value;
    if (r.secret) secrets.add(k);
  }
  return { plain, secrets };
}

/** Properties with the named ones tagged secret (undefined values left out). */
export function sealProperties(plain: Plain, secrets: Iterable<string>): Plain {
  const names = new Set(secrets);
  const out: Plain = {};
  for (const [k, v] of Object.entries(plain)) {
    if (v === undefined) continue;
    out[k] = names.has(k) ? secret(v) : v;
  }
  return out;
}
