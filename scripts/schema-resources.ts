/**
 * The schema of the server's resources and of the provider's configuration, from the same data the provider checks
 * inputs with (src/resources/kinds, src/resources/connection.ts): each kind a resource, each nested object and enum a
 * named type (`dittofs:index:<Kind><Property>`), the connection both the provider's inputs and `dittofs:` config.
 */
import { inputSchemas } from "../src/resources/common-inputs";
import { CONNECTION_ENVIRONMENT, CONNECTION_INPUTS } from "../src/resources/connection";
import type { PropertySchema, ResourceKind } from "../src/resources/kind";
import { KINDS } from "../src/resources/kinds";

type Json = Record<string, any>;

const PREFIX = "dittofs:index:";
const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");

/** An enum value's name in the SDKs: `read-write` is `ReadWrite`; a version keeps its dots apart (`4.1` is `V4_1`). */
function enumName(value: string): string {
  if (/^[0-9]/.test(value)) return `V${value.replace(/[^A-Za-z0-9]+/g, "_")}`;
  return pascal(value) || value;
}

/** A property for schema.json, with the named types it needs added to `types`. */
function property(schema: PropertySchema, typeName: string, types: Json, asInput: boolean): Json {
  const flags: Json = {
    description: schema.description,
    ...(asInput && schema.default !== undefined && typeof schema.default !== "object"
      ? { default: schema.default }
      : {}),
    ...(schema.secret ? { secret: true } : {}),
    ...(schema.replaceOnChanges ? { willReplaceOnChanges: true } : {}),
  };
  if (schema.enum) {
    const token = PREFIX + typeName;
    types[token] = {
      description: schema.description,
      type: "string",
      enum: schema.enum.map((value) => ({ name: enumName(value), value })),
    };
    return { $ref: `#/types/${token}`, ...flags };
  }
  if (schema.type === "array")
    return { type: "array", items: property(schema.items!, typeName, types, asInput), ...flags };
  if (schema.type === "object" && schema.properties) {
    const token = PREFIX + typeName;
    types[token] = {
      description: schema.description,
      type: "object",
      properties: Object.fromEntries(
        Object.entries(schema.properties).map(([k, p]) => [
          k,
          property(p, typeName + pascal(k), types, true),
        ]),
      ),
      ...(schema.required?.length ? { required: schema.required } : {}),
    };
    return { $ref: `#/types/${token}`, ...flags };
  }
  if (schema.type === "object")
    return {
      type: "object",
      additionalProperties:
        typeof schema.additionalProperties === "object"
          ? property(schema.additionalProperties, typeName, types, asInput)
          : { $ref: "pulumi.json#/Any" },
      ...flags,
    };
  return { type: schema.type, ...flags };
}

function resource(kind: ResourceKind<any>, types: Json): Json {
  const inputs = inputSchemas(kind);
  const inputProperties = Object.fromEntries(
    Object.entries(inputs).map(([k, p]) => [k, property(p, kind.name + pascal(k), types, true)]),
  );
  const outputs = Object.fromEntries(
    Object.entries({ ...inputs, ...kind.outputs }).map(([k, p]) => [
      k,
      property(p, kind.name + pascal(k), types, false),
    ]),
  );
  // Every output is present once created (defaults filled by check; computed ones by the server).
  const optionalOutputs = Object.entries(inputs)
    .filter(([k, p]) => p.default === undefined && !kind.requiredInputs.includes(k))
    .map(([k]) => k);
  return {
    description: kind.description,
    properties: outputs,
    required: Object.keys(outputs).filter((k) => !optionalOutputs.includes(k)),
    inputProperties,
    requiredInputs: kind.requiredInputs,
  };
}

export interface ResourcesSchema {
  config: Json;
  provider: Json;
  resources: Json;
  types: Json;
}

export function resourcesSchema(): ResourcesSchema {
  const types: Json = {};
  const connection = Object.fromEntries(
    Object.entries(CONNECTION_INPUTS).map(([k, p]) => {
      const prop = property(p, `Provider${pascal(k)}`, types, true);
      const env = CONNECTION_ENVIRONMENT[k];
      return [k, env ? { ...prop, defaultInfo: { environment: [env] } } : prop];
    }),
  );
  const resources = Object.fromEntries(KINDS.map((k) => [PREFIX + k.name, resource(k, types)]));
  return {
    config: { variables: connection },
    provider: {
      description:
        "The dittofs provider: the DittoServer component, and the objects of one DittoFS server's REST API (stores, shares, users, ...). An explicit provider per server lets one program manage several.",
      properties: Object.fromEntries(
        Object.entries(connection).filter(([, p]) => p.type === "string" || p.$ref),
      ),
      inputProperties: connection,
    },
    resources,
    types,
  };
}
