/** Shared by the schema tests: the committed schema, its DittoServer resource, and walks over its properties. */
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { REFERENCE } from "../helpers/samples";

export type Json = Record<string, any>;

export const ROOT = path.join(__dirname, "..", "..");
export const TOKEN = "dittofs:index:DittoServer";
export const TYPE_PREFIX = "dittofs:index:";
export const METASCHEMA = path.join(REFERENCE, "pulumi", "pulumi-package-metaschema.json");

export const schema: Json = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
export const resource: Json = schema.resources[TOKEN];

export function typeOfRef(ref: string): Json {
  const token = ref.replace(/^#\/types\//, "");
  const type = schema.types[token];
  if (!type) throw new Error(`unresolved reference ${ref}`);
  return type;
}

/** The element type of a property: itself, its array items, or its map values. */
export function element(prop: Json): Json {
  if (prop.type === "array") return element(prop.items);
  if (prop.type === "object" && prop.additionalProperties)
    return element(prop.additionalProperties);
  return prop;
}

/**
 * Every input property reachable from DittoServer's inputs, by dotted path (`smb.credits.strategy`), with the object
 * types it goes through expanded.
 */
export function inputPaths(): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (props: Json, at: string, seen: string[]) => {
    for (const [key, prop] of Object.entries(props)) {
      const where = `${at}${key}`;
      out.set(where, prop);
      const elem = element(prop);
      if (elem.$ref && !seen.includes(elem.$ref)) {
        const type = typeOfRef(elem.$ref);
        if (type.properties) walk(type.properties, `${where}.`, [...seen, elem.$ref]);
      }
    }
  };
  walk(resource.inputProperties, "", []);
  return out;
}

/**
 * A JSON Schema (draft 2020-12) for DittoServer's inputs, derived from schema.json: objects are closed, required
 * inputs required, enums enums, integers integers. Validates what a YAML program writes under `properties:`.
 */
export function inputJsonSchema(): Json {
  const conv = (p: Json): Json => {
    if (p.$ref) return { $ref: `#/$defs/${p.$ref.replace(`#/types/${TYPE_PREFIX}`, "")}` };
    if (p.type === "array") return { type: "array", items: conv(p.items) };
    if (p.type === "object" && p.additionalProperties) {
      return { type: "object", additionalProperties: conv(p.additionalProperties) };
    }
    if (["string", "integer", "number", "boolean"].includes(p.type)) return { type: p.type };
    throw new Error(`no JSON Schema for ${JSON.stringify(p)}`);
  };
  const object = (props: Json, required: string[] = []): Json => ({
    type: "object",
    properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, conv(v as Json)])),
    required,
    additionalProperties: false,
  });
  const defs: Json = {};
  for (const [token, type] of Object.entries(schema.types as Json)) {
    const name = token.replace(TYPE_PREFIX, "");
    defs[name] = type.enum
      ? { type: type.type, enum: type.enum.map((e: Json) => e.value) }
      : object(type.properties ?? {}, type.required);
  }
  return { ...object(resource.inputProperties, resource.requiredInputs), $defs: defs };
}

export function ajv2020(): Ajv2020 {
  return new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
}
