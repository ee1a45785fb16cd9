/**
 * `npm run schema`: writes `schema.json`, the Pulumi package schema of `dittofs`, from the TypeScript types.
 *
 * 1. Pulumi's own analyzer (`@pulumi/pulumi/provider/experimental`, what `pulumi package get-schema` runs for a
 *    source-based nodejs component) reads `DittoServer`, its args interfaces and its public readonly outputs; its
 *    `generateSchema` turns that into a package schema, exactly as the stock component host would serve it.
 * 2. A post-processing step adds what the analyzer cannot express from our TypeScript types, checked against the
 *    operator's CRD spec schema (`src/generated/feb2026/spec-schema.json`), which the args mirror field for field:
 *    - every CRD `integer` becomes `integer` (TypeScript has only `number`);
 *    - every CRD `enum` becomes an enum type (`service.type`, `database.type`, `identity.type`,
 *      `smb.credits.strategy`): the TypeScript args keep `string` so TypeScript programs are unaffected;
 *    - object types lose the TypeScript `Args` suffix (`dittofs:index:Storage`), since the SDK generators add their own
 *      (Python/Go `StorageArgs`, not `StorageArgsArgs`);
 *    - type descriptions (the analyzer drops them): the interfaces' JSDoc in src/args.ts, and for the Kubernetes types
 *      (copied by the analyzer from `@pulumi/kubernetes`'s `core/v1` input interfaces) their JSDoc there;
 *    - `secret: true` on the secret values and the `adminPassword` output; `meta.supportPack`, so the SDKs have the
 *      layout `pulumi package add` gives them (the Go SDK with its own go.mod);
 *    - the analyzer's internal `optional` flags and empty lists removed, as the CLI removes them.
 *    Every schema input must be a CRD field (or a component-only field) and every CRD field a schema input.
 * 3. The server's resources (stores, shares, users, ...) and the provider's configuration, from the same data the
 *    provider checks inputs with (scripts/schema-resources.ts).
 *
 * The plugin (src/provider.ts) serves this file, so the engine, `pulumi package add` and the committed SDKs all see the
 * same schema. tests/schema/ checks it is fresh and valid.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import { DITTOSERVER_TYPE } from "../src/ditto-server";
import { MODELS } from "../src/models";
import { COMPONENT_FIELDS } from "../src/resolve/component-fields";
import { PLATFORM_FIELDS } from "../src/resolve/platform-schema";
import { resourcesSchema } from "./schema-resources";

const ROOT = path.join(__dirname, "..");
export const SCHEMA_FILE = path.join(ROOT, "schema.json");
/** The component's type token, `<package>:index:<class>`: the analyzer is given the package and class names. */
export const TOKEN = DITTOSERVER_TYPE;
export const [PACKAGE, , COMPONENT] = TOKEN.split(":");
const ARGS_FILE = path.join(ROOT, "src", "args.ts");
/** Each object model's spec schema: the inputs are their union. */
const PLATFORM_SPEC_FILE = path.join(ROOT, "src", "generated", "platform", "platform-schema.json");
const CRD_SPEC_FILES = ["feb2026", "v029"].map((dir) =>
  path.join(ROOT, "src", "generated", dir, "spec-schema.json"),
);
const K8S_INPUT_TYPES = path.join(
  ROOT,
  "node_modules",
  "@pulumi",
  "kubernetes",
  "types",
  "input.d.ts",
);

/** Top-level args that are not CRD fields. */
export const COMPONENT_ONLY_INPUTS: readonly string[] = COMPONENT_FIELDS;

/** Secret inputs, by (renamed) type, and secret outputs. */
const SECRET_INPUTS: Record<string, string[]> = {
  SecretValues: ["jwtSecret", "adminInitialPassword", "postgresConnection"],
  S3CredentialValues: ["accessKeyId", "secretAccessKey"],
};
const SECRET_OUTPUTS = ["adminPassword"];

/** Enum types made from CRD enums, by the path of their property. */
const ENUM_NAMES: Record<string, string> = {
  "service.type": "ServiceType",
  "database.type": "DatabaseType",
  "identity.type": "IdentityType",
  "smb.credits.strategy": "SmbCreditsStrategy",
  "adapterServices.type": "AdapterServiceType",
  "logging.level": "LoggingLevel",
  "logging.format": "LoggingFormat",
  "identity.ldap.idmap": "LdapIdmap",
  imagePullPolicy: "ImagePullPolicy",
  "securityContext.seccompProfile.type": "SeccompProfileType",
  "podSecurityContext.seccompProfile.type": "SeccompProfileType",
  "securityContext.appArmorProfile.type": "AppArmorProfileType",
  "podSecurityContext.appArmorProfile.type": "AppArmorProfileType",
  "securityContext.procMount": "ProcMountType",
  "podSecurityContext.fsGroupChangePolicy": "FsGroupChangePolicy",
};

type Json = Record<string, any>;

/**
 * Step 1: the analyzer and `generateSchema`, as `ComponentProvider.getSchema` calls them. The analyzer reads
 * `<dir>/tsconfig.json`; a temporary one extending tsconfig.build.json limits the program to src/ (same result as the
 * root tsconfig, in half the time).
 */
export function analyze(): Json {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-schema-"));
  try {
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({ extends: path.join(ROOT, "tsconfig.build.json") }),
    );
    // The entry point: an absolute `main` is taken as is (with .js read as .ts).
    const analyzer = new Analyzer(
      dir,
      PACKAGE,
      { main: path.join(ROOT, "src", "index.js") },
      new Set([COMPONENT]),
    );
    const { components, typeDefinitions, dependencies } = analyzer.analyze();
    const schema = generateSchema(
      PACKAGE,
      pkg.version,
      pkg.description,
      components,
      typeDefinitions,
      dependencies,
    );
    return JSON.parse(JSON.stringify(schema));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function jsDocOf(node: ts.Node): string | undefined {
  const docs = (node as unknown as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return undefined;
  const text = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").join("\n");
  return unwrap(text) || undefined;
}

/** JSDoc line breaks inside a paragraph become spaces; paragraph breaks stay. */
function unwrap(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((para) => para.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean)
    .join("\n\n");
}

/** JSDoc of the interfaces declared at the top of a file, or inside `namespace a { namespace b { ... } }`. */
function interfaceDocs(file: string, namespacePath: string[] = []): Map<string, string> {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  let statements: readonly ts.Statement[] = source.statements;
  for (const ns of namespacePath) {
    const mod = statements.find(
      (s): s is ts.ModuleDeclaration => ts.isModuleDeclaration(s) && s.name.text === ns,
    );
    if (!mod?.body || !ts.isModuleBlock(mod.body)) {
      throw new Error(`${file}: namespace ${namespacePath.join(".")} not found`);
    }
    statements = mod.body.statements;
  }
  const out = new Map<string, string>();
  for (const s of statements) {
    if (ts.isInterfaceDeclaration(s)) {
      const doc = jsDocOf(s);
      if (doc) out.set(s.name.text, doc);
    }
  }
  return out;
}

function walkProperties(node: unknown, visit: (prop: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walkProperties(n, visit));
  else if (node && typeof node === "object") {
    const o = node as Json;
    if (typeof o.type === "string" || typeof o.$ref === "string") visit(o);
    for (const v of Object.values(o)) walkProperties(v, visit);
  }
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Enum member names of `operatorRelease` (its values are not identifiers). */
const RELEASE_ENUM_NAMES: Record<string, string> = { "v0.29": "V0_29", "2026-02": "Feb2026" };

/** Two JSON schemas' properties, recursively, as one (a field of either is a field of the union). */
function mergeSchemas(a: Json, b: Json): Json {
  const out: Json = { ...b, ...a };
  if (a.properties || b.properties) {
    out.properties = { ...b.properties };
    for (const [k, v] of Object.entries<Json>(a.properties ?? {}))
      out.properties[k] = b.properties?.[k] ? mergeSchemas(v, b.properties[k]) : v;
  }
  if (a.items && b.items) out.items = mergeSchemas(a.items, b.items);
  return out;
}

/** Step 2: what the analyzer cannot express; see the header. */
export function postProcess(raw: Json): Json {
  const schema = structuredClone(raw);
  const resource = schema.resources[TOKEN];
  if (!resource) throw new Error(`the analyzer produced no ${TOKEN}`);
  const ours = interfaceDocs(ARGS_FILE);
  // Kubernetes types the analyzer copied (core/v1, and meta/v1's LabelSelector under them).
  const k8s = new Map([
    ...interfaceDocs(K8S_INPUT_TYPES, ["meta", "v1"]),
    ...interfaceDocs(K8S_INPUT_TYPES, ["core", "v1"]),
  ]);

  // Analyzer internals and empty lists, as the CLI drops them.
  walkProperties(schema, (p) => delete p.optional);
  for (const o of [resource, ...Object.values(schema.types as Json)]) {
    for (const key of ["required", "requiredInputs"]) {
      if (Array.isArray(o[key]) && o[key].length === 0) delete o[key];
    }
  }
  if (Array.isArray(schema.dependencies) && schema.dependencies.length === 0) {
    delete schema.dependencies;
  }

  // Type names: `StorageArgs` → `Storage`; the Kubernetes copies keep theirs. Descriptions from the JSDoc.
  const prefix = `${PACKAGE}:index:`;
  const renames = new Map<string, string>();
  const types: Json = {};
  for (const [token, type] of Object.entries(schema.types as Json)) {
    const tsName = token.slice(prefix.length);
    const isOurs = ours.has(tsName);
    const name = isOurs ? tsName.replace(/Args$/, "") : tsName;
    const description = isOurs ? ours.get(tsName) : k8s.get(tsName);
    if (!description) {
      throw new Error(
        `type ${tsName}: no JSDoc in src/args.ts or @pulumi/kubernetes core/v1, meta/v1`,
      );
    }
    const newToken = prefix + name;
    if (types[newToken]) throw new Error(`two types would be named ${newToken}`);
    renames.set(`#/types/${token}`, `#/types/${newToken}`);
    types[newToken] = { description, ...type };
  }
  schema.types = types;
  walkProperties(schema, (p) => {
    if (p.$ref && renames.has(p.$ref)) p.$ref = renames.get(p.$ref);
  });

  // Integers and enums from the CRDs; every input a field of a CRD and every CRD field an input.
  const crd = CRD_SPEC_FILES.map((f) => JSON.parse(fs.readFileSync(f, "utf8"))).reduce(
    mergeSchemas,
  );
  const typeOf = (ref: string) => {
    const t = schema.types[ref.replace(/^#\/types\//, "")];
    if (!t) throw new Error(`unresolved reference ${ref}`);
    return t;
  };
  const matchCrd = (props: Json, node: Json, at: string): void => {
    const crdProps: Json = node.properties ?? {};
    for (const key of Object.keys(crdProps)) {
      if (!props[key]) throw new Error(`CRD field spec.${at}${key} is not an input of ${TOKEN}`);
    }
    for (const [key, prop] of Object.entries(props)) {
      const where = `${at}${key}`;
      const field = crdProps[key];
      if (!field) {
        if (at === "" && COMPONENT_ONLY_INPUTS.includes(key)) continue;
        throw new Error(`input ${where} is not a field of the CRD spec`);
      }
      if (field.enum) {
        const name = ENUM_NAMES[where];
        if (!name) throw new Error(`CRD enum at spec.${where} has no enum type name (ENUM_NAMES)`);
        const token = prefix + name;
        // Types shared by two fields (SeccompProfile in both security contexts) are rewritten once.
        if (prop.$ref === `#/types/${token}`) continue;
        if (prop.type !== "string") throw new Error(`input ${where} must be a string for its enum`);
        schema.types[token] = {
          description: prop.description,
          type: "string",
          enum: (field.enum as string[]).map((value) => ({ name: pascal(value), value })),
        };
        props[key] = { $ref: `#/types/${token}`, description: prop.description };
        continue;
      }
      const elem = prop.type === "array" ? prop.items : prop;
      const fieldElem = prop.type === "array" ? field.items : field;
      if (fieldElem?.type === "integer" && elem.type === "number") elem.type = "integer";
      if (elem.$ref) matchCrd(typeOf(elem.$ref).properties, fieldElem, `${where}.`);
    }
  };
  matchCrd(resource.inputProperties, crd, "");
  // The platform args likewise, against their generated schema (core/v1 types as the Percona CRD has them).
  const platform = JSON.parse(fs.readFileSync(PLATFORM_SPEC_FILE, "utf8"));
  for (const field of PLATFORM_FIELDS) {
    // matchCrd rewrites an enum property in the map it is given: give it one whose result is kept.
    const props = { [field]: resource.inputProperties[field] };
    matchCrd(props, { properties: { [field]: platform.properties[field] } }, "");
    resource.inputProperties[field] = props[field];
  }

  // The component-only enum: the object models by release.
  const release = resource.inputProperties.operatorRelease;
  if (!release) throw new Error("input operatorRelease not found");
  schema.types[`${prefix}OperatorRelease`] = {
    description: release.description,
    type: "string",
    enum: Object.keys(MODELS).map((value) => ({ name: RELEASE_ENUM_NAMES[value], value })),
  };
  resource.inputProperties.operatorRelease = {
    $ref: `#/types/${prefix}OperatorRelease`,
    description: release.description,
  };

  // Secrets.
  for (const [type, keys] of Object.entries(SECRET_INPUTS)) {
    for (const key of keys) {
      const prop = schema.types[prefix + type]?.properties?.[key];
      if (!prop) throw new Error(`secret input ${type}.${key} not found`);
      prop.secret = true;
    }
  }
  for (const key of SECRET_OUTPUTS) {
    if (!resource.properties[key]) throw new Error(`secret output ${key} not found`);
    resource.properties[key].secret = true;
  }

  if (resource.description) resource.description = unwrap(resource.description);

  // Step 3: the server's resources and the provider's configuration, from the kinds' data.
  const served = resourcesSchema();
  for (const [token, type] of Object.entries(served.types)) {
    if (schema.types[token]) throw new Error(`two types would be named ${token}`);
    schema.types[token] = type;
  }
  Object.assign(schema.resources, served.resources);
  schema.config = served.config;
  schema.provider = served.provider;

  // Package metadata and a stable key order.
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  schema.license = pkg.license;
  schema.keywords = ["pulumi", "kubernetes", "dittofs", "nfs", "smb", "kind/component"];
  // SDKs laid out as `pulumi package add` makes them (the Go SDK gets its own go.mod,
  // module example.com/pulumi-dittofs/sdk/go), so the committed sdk/ and a user's generated one match.
  schema.meta = { supportPack: true };
  schema.types = Object.fromEntries(
    Object.keys(schema.types)
      .sort()
      .map((k) => [k, schema.types[k]]),
  );
  const order = [
    "name",
    "version",
    "description",
    "keywords",
    "license",
    "meta",
    "language",
    "config",
    "provider",
    "resources",
    "types",
  ];
  return Object.fromEntries(
    [...order, ...Object.keys(schema).filter((k) => !order.includes(k))]
      .filter((k) => schema[k] !== undefined)
      .map((k) => [k, schema[k]]),
  );
}

/** The schema as `npm run schema` writes it (before formatting). */
export function buildSchema(): Json {
  return postProcess(analyze());
}

/** The file text: prettier-formatted JSON, so `npm run lint` accepts the generated file as it is. */
export async function formatSchema(schema: Json): Promise<string> {
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
  return prettier.format(JSON.stringify(schema, null, 2), { ...options, filepath: SCHEMA_FILE });
}

async function main(): Promise<void> {
  const text = await formatSchema(buildSchema());
  fs.writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
