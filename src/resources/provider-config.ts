/**
 * The provider's own configuration as the engine hands it over: CheckConfig (checked like inputs; stack config
 * arrives as strings and is read as JSON where the property is not a string), DiffConfig (a change never replaces the
 * resources: they are the same objects on the same server), Configure (the connection, or why there is none).
 */
import { ApiClient } from "./api-client";
import { checkProperties, type Checked } from "./check";
import { CONNECTION_INPUTS, ENGINE_CONFIG_KEYS, connectionOf } from "./connection";
import type { Failure } from "./kind";
import { sealBySchema } from "./seal";
import { containsUnknown, reveal, revealProperties, type Plain } from "./wire";

/** How the provider talks to its server: a client, or the reason it cannot (yet). */
export type ConnectionState =
  { kind: "ready"; api: ApiClient } | { kind: "unknown" } | { kind: "missing"; reason: string };

/** `dittofs:config:endpoint` (the older variables map) or `dittofs:endpoint` → `endpoint`. */
export function configKey(key: string): string {
  return key.replace(/^dittofs:(config:)?/, "");
}

/** A stack config string read as the property's type: `"true"` for a boolean, `"30"` for an integer. */
function coerce(key: string, value: unknown): unknown {
  const type = CONNECTION_INPUTS[key]?.type;
  if (typeof value !== "string" || type === undefined || type === "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The configuration without engine keys, values as their types. */
function normalise(config: Plain): Plain {
  return Object.fromEntries(
    Object.entries(config)
      .map(([k, v]) => [configKey(k), v] as const)
      .filter(([k]) => !ENGINE_CONFIG_KEYS.has(k))
      .map(([k, v]) => [k, coerce(k, v)]),
  );
}

export function checkConfig(news: Plain): Checked {
  const { plain, secrets } = revealProperties(news);
  const config = normalise(plain);
  const unknownKeys: Failure[] = Object.keys(config)
    .filter((k) => !(k in CONNECTION_INPUTS))
    .map((k) => ({
      property: k,
      reason: `unknown configuration key; the dittofs provider takes ${Object.keys(CONNECTION_INPUTS).join(", ")}`,
    }));
  const known = Object.fromEntries(Object.entries(config).filter(([k]) => k in CONNECTION_INPUTS));
  const checked = checkProperties(CONNECTION_INPUTS, [], known);
  // Engine keys go back as they came: the engine reads `version` from the checked inputs.
  const engineKeys = Object.fromEntries(
    Object.entries(plain).filter(([k]) => ENGINE_CONFIG_KEYS.has(k)),
  );
  return {
    inputs: { ...engineKeys, ...sealBySchema(checked.inputs, CONNECTION_INPUTS, secrets) },
    failures: [...unknownKeys, ...checked.failures],
  };
}

/** The keys whose values differ (the values themselves never leave this function). */
export function diffConfig(olds: Plain, news: Plain): string[] {
  const a = normalise(reveal(olds).value as Plain);
  const b = normalise(reveal(news).value as Plain);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
}

export function configure(config: Plain): ConnectionState {
  const plain = normalise(reveal(config).value as Plain);
  if (containsUnknown(plain)) return { kind: "unknown" };
  const connection = connectionOf(plain);
  return typeof connection === "string"
    ? { kind: "missing", reason: connection }
    : { kind: "ready", api: new ApiClient(connection) };
}

/** The client, or an error that says why there is none. */
export function apiOf(state: ConnectionState): ApiClient {
  if (state.kind === "ready") return state.api;
  if (state.kind === "unknown")
    throw new Error(
      "the dittofs provider's configuration is not known yet (it comes from resources this update creates): the server cannot be read before they exist",
    );
  throw new Error(state.reason);
}
