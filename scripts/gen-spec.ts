/**
 * Generates, for each object model, the spec schema, its validator and the resolved spec type from the operator's CRD.
 *
 * The CRD's `openAPIV3Schema` already states every type, enum, bound, pattern and default, so the component validates
 * and defaults with ajv against a copy of it instead of re-typing the rules. For each model this script copies the
 * `spec` schema, applies the model's patches (src/models/<dir>/crd-patches.ts), rejects unknown fields, and writes to
 * src/generated/<dir>/:
 *   spec-schema.json   the patched schema (read by tests and by the schema generator)
 *   validate-spec.ts   the validator, compiled ahead of time (ajv standalone code: render compiles nothing at run time)
 *   spec.ts            `Spec`, the TypeScript type of a validated spec (defaulted fields are not optional)
 *
 *   npm run gen:spec            # writes src/generated/*
 *   npm run gen:spec -- --check # exits 1 when the committed files are stale
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone";
import { parse } from "yaml";
import { patchCrdSpec as patchFeb2026 } from "../src/models/feb2026/crd-patches";
import { patchCrdSpec as patchV029 } from "../src/models/v029/crd-patches";
import { PLATFORM_SCHEMA } from "../src/resolve/platform-schema";

type Schema = Record<string, any>;

const ROOT = path.resolve(__dirname, "..");
/** The operator's CRDs: upstream data, read from the reference copies beside this repository, never copied in. */
const REFERENCE = path.join(ROOT, "..", "shared", "reference");
const OUT = path.join(ROOT, "src", "generated");

interface ModelSource {
  dir: string;
  crd: string;
  patch: (at: (dotted: string) => Schema) => void;
  /** Fields typed with Kubernetes types in the args: typed as plain records in `Spec` (builders pass them through). */
  opaque: string[];
}

export const MODEL_SOURCES: ModelSource[] = [
  {
    dir: "feb2026",
    crd: path.join(REFERENCE, "operator-feb2026", "dittofs.dittofs.com_dittoservers.yaml"),
    patch: patchFeb2026,
    opaque: ["resources", "securityContext", "podSecurityContext"],
  },
  {
    dir: "v029",
    crd: path.join(REFERENCE, "operator-jul2026", "dittofs.dittofs.com_dittoservers.yaml"),
    patch: patchV029,
    opaque: ["resources", "securityContext", "podSecurityContext"],
  },
];

/** The schema at a dotted path of the spec ("" for the spec itself). */
function atPath(schema: Schema, dotted: string): Schema {
  if (dotted === "") return schema;
  return dotted.split(".").reduce((s, key) => {
    const next = s.properties?.[key];
    if (!next) throw new Error(`CRD schema has no property ${dotted}`);
    return next;
  }, schema);
}

/** Kubernetes rejects unknown fields of a typed object; so do we (a typo must not pass silently). */
function closeObjects(schema: Schema): void {
  if (schema.type === "object" && schema.properties && schema.additionalProperties === undefined) {
    schema.additionalProperties = false;
  }
  for (const child of Object.values(schema.properties ?? {})) closeObjects(child as Schema);
  if (schema.items) closeObjects(schema.items);
  if (typeof schema.additionalProperties === "object") closeObjects(schema.additionalProperties);
}

export function patchedSpecSchema(source: ModelSource, crdYaml: string): Schema {
  const crd = parse(crdYaml);
  const spec: Schema = structuredClone(crd.spec.versions[0].schema.openAPIV3Schema.properties.spec);
  source.patch((dotted) => atPath(spec, dotted));
  closeObjects(spec);
  return spec;
}

export function compileValidator(schema: Schema): string {
  const ajv = new Ajv({
    strict: false, // the CRD carries x-kubernetes-* keywords
    allErrors: true,
    useDefaults: true,
    validateFormats: false, // int32 is enforced by minimum/maximum
    code: { source: true, esm: true, lines: true },
  });
  const validate = ajv.compile(schema);
  return standaloneCode(ajv, validate);
}

/** The TypeScript type of a value the schema accepts once defaults are applied. */
function typeOf(schema: Schema, at: string, opaque: string[], indent: string): string {
  if (opaque.includes(at))
    return schema.type === "array" ? "Array<Record<string, unknown>>" : "Record<string, unknown>";
  if (schema["x-kubernetes-int-or-string"]) return "number | string";
  if (Array.isArray(schema.enum))
    return schema.enum.map((v: unknown) => JSON.stringify(v)).join(" | ");
  switch (schema.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array":
      return `Array<${typeOf(schema.items ?? {}, `${at}[]`, opaque, indent)}>`;
    case "object": {
      const props: Schema = schema.properties ?? {};
      if (Object.keys(props).length === 0) {
        return typeof schema.additionalProperties === "object"
          ? `Record<string, ${typeOf(schema.additionalProperties, `${at}.*`, opaque, indent)}>`
          : "Record<string, unknown>";
      }
      const inner = `${indent}  `;
      const required: string[] = schema.required ?? [];
      const lines = Object.entries(props).map(([key, child]) => {
        const always = required.includes(key) || (child as Schema).default !== undefined;
        const childAt = at ? `${at}.${key}` : key;
        return `${inner}${key}${always ? "" : "?"}: ${typeOf(child as Schema, childAt, opaque, inner)};`;
      });
      return `{\n${lines.join("\n")}\n${indent}}`;
    }
    default:
      return "unknown";
  }
}

export function specType(schema: Schema, opaque: string[]): string {
  return `export interface Spec ${typeOf(schema, "", opaque, "")}\n`;
}

/** The Percona operator's CRD: its pods' core/v1 schemas (tolerations, affinity, ...) type the platform args. */
export const PERCONA_CRD = path.join(
  REFERENCE,
  "percona",
  "perconapgclusters.pgv2.percona.com-v2.8.2.yaml",
);

/** The platform args' schema with each `$k8s` reference replaced by that Percona CRD schema (descriptions dropped). */
export function platformSchema(perconaYaml: string): Schema {
  const crd = parse(perconaYaml);
  const spec: Schema = crd.spec.versions.find((v: Schema) => v.served).schema.openAPIV3Schema
    .properties.spec;
  const k8s = (dotted: string): Schema => {
    const [first, ...rest] = dotted.split(".");
    let node: Schema = spec.properties[first];
    if (first === "instances") node = node.items;
    for (const key of rest) node = node.properties[key];
    if (!node) throw new Error(`Percona CRD has no spec.${dotted}`);
    return node;
  };
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== "object") return node;
    const o = node as Schema;
    if (typeof o.$k8s === "string") return strip(structuredClone(k8s(o.$k8s)));
    return Object.fromEntries(
      Object.entries(o)
        .filter(([key, v]) => key !== "description" || typeof v !== "string")
        .map(([key, v]) => [key, key === "properties" ? mapValues(v as Schema, strip) : strip(v)]),
    );
  };
  const schema = strip(structuredClone(PLATFORM_SCHEMA)) as Schema;
  closeObjects(schema);
  return schema;
}

const mapValues = (o: Schema, f: (v: unknown) => unknown) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

export function platformFiles(perconaYaml: string): Record<string, string> {
  const schema = platformSchema(perconaYaml);
  const header =
    "// Generated by scripts/gen-spec.ts from src/resolve/platform-schema.ts and the Percona CRD's core/v1 schemas. Do not edit.\n";
  return {
    "platform/platform-schema.json": JSON.stringify(schema, null, 2) + "\n",
    "platform/validate-platform.ts": `${header}/* eslint-disable */\n// @ts-nocheck\n${compileValidator(schema)}\n`,
    "platform/platform.ts":
      `${header}/** The platform args, validated, defaults applied. What each field means is documented once, on the args (src/args.ts). */\n` +
      `export interface Platform ${typeOf(schema, "", ["pod.tolerations", "pod.affinity", "pod.topologySpreadConstraints", "pod.imagePullSecrets"], "")}\n`,
  };
}

export function generatedFiles(source: ModelSource, crdYaml: string): Record<string, string> {
  const schema = patchedSpecSchema(source, crdYaml);
  const header = `// Generated by scripts/gen-spec.ts from the operator's CRD and src/models/${source.dir}/crd-patches.ts. Do not edit.\n`;
  return {
    [`${source.dir}/spec-schema.json`]: JSON.stringify(schema, null, 2) + "\n",
    [`${source.dir}/validate-spec.ts`]: `${header}/* eslint-disable */\n// @ts-nocheck\n${compileValidator(schema)}\n`,
    [`${source.dir}/spec.ts`]:
      `${header}/** A validated spec, defaults applied. What each field means is documented once, on the args (src/args.ts). */\n` +
      specType(schema, source.opaque),
  };
}

function main(): void {
  const check = process.argv.includes("--check");
  let stale = 0;
  const all = [
    ...MODEL_SOURCES.map((source) => generatedFiles(source, fs.readFileSync(source.crd, "utf8"))),
    platformFiles(fs.readFileSync(PERCONA_CRD, "utf8")),
  ];
  for (const files of all) {
    for (const [name, text] of Object.entries(files)) {
      const target = path.join(OUT, name);
      const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
      if (current === text) continue;
      if (check) {
        console.error(`stale: src/generated/${name} (run npm run gen:spec)`);
        stale++;
      } else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, text);
        console.log(`wrote src/generated/${name}`);
      }
    }
  }
  if (stale) process.exit(1);
}

if (require.main === module) main();
