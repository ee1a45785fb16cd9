/**
 * Which values leave the provider as secrets: every value a property schema calls secret (at any depth), and every
 * top-level property the user made secret. The engine keeps them encrypted in the state and masked in every diff.
 */
import type { PropertySchema } from "./kind";
import { revealProperties, secret, type Plain } from "./wire";

function sealValue(value: unknown, schema: PropertySchema | undefined): unknown {
  if (value === undefined) return undefined;
  if (schema?.secret) return secret(value);
  if (Array.isArray(value)) return value.map((v) => sealValue(v, schema?.items));
  if (typeof value === "object" && value !== null) {
    const out: Plain = {};
    for (const [k, v] of Object.entries(value as Plain)) {
      const child =
        schema?.properties?.[k] ??
        (typeof schema?.additionalProperties === "object"
          ? schema.additionalProperties
          : undefined);
      if (v !== undefined) out[k] = sealValue(v, child);
    }
    return out;
  }
  return value;
}

/** Plain properties tagged for the engine: schema secrets, and the names in `userSecrets` as a whole. */
export function sealBySchema(
  plain: Plain,
  schemas: Record<string, PropertySchema>,
  userSecrets: Iterable<string> = [],
): Plain {
  const whole = new Set(userSecrets);
  const out: Plain = {};
  for (const [k, v] of Object.entries(plain)) {
    if (v === undefined) continue;
    out[k] = whole.has(k) && !schemas[k]?.secret ? secret(v) : sealValue(v, schemas[k]);
  }
  return out;
}

/** The names of the top-level properties that came in (or held) secrets, across several property sets. */
export function secretNames(...sets: Plain[]): Set<string> {
  const names = new Set<string>();
  for (const set of sets) for (const k of revealProperties(set).secrets) names.add(k);
  return names;
}
