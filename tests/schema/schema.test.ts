import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { buildSchema, COMPONENT_ONLY_INPUTS } from "../../scripts/gen-schema";
import { DittoProvider } from "../../src/provider";
import { KINDS } from "../../src/resources/kinds";
import {
  ajv2020,
  element,
  inputPaths,
  METASCHEMA,
  resource,
  ROOT,
  schema,
  TOKEN,
  typeOfRef,
  type Json,
} from "./support";

/** The spec schemas of both object models: the inputs are their union. */
const CRDS: Json[] = ["feb2026", "v029"].map((dir) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, "src", "generated", dir, "spec-schema.json"), "utf8")),
);

/** The CRD specs' fields by dotted path (a field of either model). */
function crdPaths(): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (node: Json, at: string) => {
    for (const [key, field] of Object.entries((node.properties ?? {}) as Json)) {
      if (!out.has(`${at}${key}`)) out.set(`${at}${key}`, field);
      const elem = field.type === "array" ? field.items : field;
      if (elem?.properties) walk(elem, `${at}${key}.`);
    }
  };
  for (const crd of CRDS) walk(crd, "");
  return out;
}

/**
 * Every property spec in the schema: each resource's (the component's, the runtime resources', the provider's) inputs
 * and outputs, the provider configuration, and each object type's properties.
 */
function allProperties(): [string, Json][] {
  const out: [string, Json][] = [];
  const resources: [string, Json][] = [
    ...Object.entries(schema.resources as Json),
    ["provider", schema.provider],
  ];
  for (const [token, r] of resources) {
    const where = token === TOKEN ? "" : `${token} `;
    for (const [k, v] of Object.entries((r.inputProperties ?? {}) as Json))
      out.push([`${where}input ${k}`, v]);
    for (const [k, v] of Object.entries((r.properties ?? {}) as Json))
      out.push([`${where}output ${k}`, v]);
  }
  for (const [k, v] of Object.entries((schema.config?.variables ?? {}) as Json))
    out.push([`config ${k}`, v]);
  for (const [token, type] of Object.entries(schema.types as Json)) {
    for (const [k, v] of Object.entries((type.properties ?? {}) as Json)) {
      out.push([`${token}.${k}`, v]);
    }
  }
  return out;
}

/** The DittoServer class's property declarations, with whether each is `public readonly`. */
function classFields(): { name: string; publicReadonly: boolean }[] {
  const file = path.join(ROOT, "src", "ditto-server.ts");
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const cls = source.statements.find(
    (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === "DittoServer",
  );
  if (!cls) throw new Error("class DittoServer not found");
  return cls.members.filter(ts.isPropertyDeclaration).map((m) => {
    const mods = ts.getModifiers(m)?.map((x) => x.kind) ?? [];
    return {
      name: (m.name as ts.Identifier).text,
      publicReadonly:
        mods.includes(ts.SyntaxKind.PublicKeyword) && mods.includes(ts.SyntaxKind.ReadonlyKeyword),
    };
  });
}

describe("schema.json", function () {
  it("is what `npm run schema` generates from the TypeScript types (no drift)", function () {
    this.timeout(120_000); // the analyzer builds a TypeScript program of src/ (about 10 s)
    const fresh = buildSchema();
    expect(schema, "schema.json is stale: run `npm run schema`").to.deep.equal(fresh);
  });

  it("validates against the Pulumi package metaschema", () => {
    const meta = JSON.parse(fs.readFileSync(METASCHEMA, "utf8"));
    const validate = ajv2020().compile(meta);
    const ok = validate(schema);
    expect(ok, JSON.stringify(validate.errors, null, 2)).to.equal(true);
  });

  it("defines the one component dittofs:index:DittoServer, and a custom resource per runtime kind", () => {
    expect(schema.name).to.equal("dittofs");
    expect(Object.keys(schema.resources)).to.deep.equal([
      TOKEN,
      ...KINDS.map((k) => `dittofs:index:${k.name}`),
    ]);
    for (const kind of KINDS)
      expect(schema.resources[`dittofs:index:${kind.name}`].isComponent, kind.name).to.equal(
        undefined,
      );
    expect(resource.isComponent).to.equal(true);
    expect(resource.description).to.be.a("string").and.not.equal("");
    expect(resource.requiredInputs).to.deep.equal(["storage"]);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(schema.version).to.equal(pkg.version);
  });

  it("gives every input and output property, and every type, a description", () => {
    const missing = allProperties()
      .filter(([, p]) => typeof p.description !== "string" || p.description.trim() === "")
      .map(([where]) => where);
    expect(missing).to.deep.equal([]);
    const undocumented = Object.entries(schema.types as Json)
      .filter(([, t]) => typeof t.description !== "string" || t.description.trim() === "")
      .map(([token]) => token);
    expect(undocumented).to.deep.equal([]);
  });

  it("types everything: no pulumi.json#/Any, every reference resolves, every type is used", () => {
    const text = JSON.stringify(schema);
    expect(text).not.to.include("pulumi.json#/Any");
    const used = new Set<string>();
    for (const [, p] of allProperties()) {
      const elem = element(p);
      if (elem.$ref) {
        typeOfRef(elem.$ref);
        used.add(elem.$ref.replace(/^#\/types\//, ""));
      }
      expect(elem.type ?? elem.$ref, JSON.stringify(p)).to.be.a("string");
    }
    expect([...used].sort()).to.deep.equal(Object.keys(schema.types).sort());
    // The analyzer's internal flag is not schema.
    const flagged = allProperties().filter(([, p]) => "optional" in p);
    expect(flagged.map(([where]) => where)).to.deep.equal([]);
  });

  it("makes the CRD's enums enum types, with exactly the CRD's values", () => {
    const crd = crdPaths();
    const inputs = inputPaths();
    const enumPaths = [...crd].filter(([, f]) => f.enum).map(([p]) => p);
    expect(enumPaths.sort()).to.deep.equal(
      [
        "database.type",
        "identity.type",
        "service.type",
        "smb.credits.strategy",
        "adapterServices.type",
        "logging.level",
        "logging.format",
        "identity.ldap.idmap",
        // core/v1 enums the models' schemas add (src/models/*/crd-patches.ts)
        "podSecurityContext.appArmorProfile.type",
        "podSecurityContext.fsGroupChangePolicy",
        "podSecurityContext.seccompProfile.type",
        "securityContext.appArmorProfile.type",
        "securityContext.procMount",
        "securityContext.seccompProfile.type",
      ].sort(),
    );
    for (const p of enumPaths) {
      const prop = inputs.get(p)!;
      expect(prop.$ref, p).to.be.a("string");
      const type = typeOfRef(prop.$ref);
      expect(type.type, p).to.equal("string");
      expect(
        type.enum.map((e: Json) => e.value),
        p,
      ).to.deep.equal(crd.get(p)!.enum);
      for (const e of type.enum) expect(e.name, p).to.match(/^[A-Z][A-Za-z0-9]*$/);
    }
  });

  it("mirrors the CRD spec: the same fields, integers where the CRD says integer", () => {
    const crd = crdPaths();
    const inputs = inputPaths();
    const componentOnly = (p: string) => COMPONENT_ONLY_INPUTS.includes(p.split(".")[0]);
    const schemaSide = [...inputs.keys()].filter((p) => !componentOnly(p)).sort();
    expect(schemaSide).to.deep.equal([...crd.keys()].sort());
    for (const [p, field] of crd) {
      const fieldElem = field.type === "array" ? field.items : field;
      const prop = inputs.get(p)!;
      const elem = prop.type === "array" ? prop.items : prop;
      if (fieldElem.type === "integer") expect(elem.type, p).to.equal("integer");
    }
    expect(JSON.stringify(schema)).not.to.include('"type":"number"');
  });

  it("has exactly the class's public readonly fields as outputs, all registered", () => {
    const fields = classFields();
    expect(
      fields.filter((f) => !f.publicReadonly).map((f) => f.name),
      "every class property becomes a schema output: keep private state out of the class",
    ).to.deep.equal([]);
    const outputs = Object.keys(resource.properties);
    expect(outputs).to.deep.equal(fields.map((f) => f.name));
    expect([...resource.required].sort()).to.deep.equal([...outputs].sort());
    const source = fs.readFileSync(path.join(ROOT, "src", "ditto-server.ts"), "utf8");
    const registered = /this\.registerOutputs\(\{([^}]*)\}\)/.exec(source)![1];
    // One key per line, `key: value,` or shorthand `key,`.
    const keys = [...registered.matchAll(/^\s*(\w+)\s*[:,]/gm)].map((m) => m[1]);
    expect(keys).to.deep.equal(outputs);
  });

  it("marks the secret values and the admin password secret, and no top-level input", () => {
    expect(resource.properties.adminPassword.secret).to.equal(true);
    const inputs = inputPaths();
    for (const p of [
      "secretValues.jwtSecret",
      "secretValues.adminInitialPassword",
      "secretValues.postgresConnection",
      "secretValues.s3.accessKeyId",
      "secretValues.s3.secretAccessKey",
    ]) {
      expect(inputs.get(p)?.secret, p).to.equal(true);
    }
    // A secret top-level input would reach construct as one Output; `secretValues` must stay a plain object.
    for (const [k, p] of Object.entries(resource.inputProperties as Json)) {
      expect(p.secret, k).to.equal(undefined);
    }
  });

  it("is what the plugin serves", async () => {
    const provider = new DittoProvider();
    const served = await provider.getSchema();
    expect(served).to.equal(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
    expect(provider.version).to.equal(schema.version);
  });
});
