/**
 * examples/yaml, examples/python and examples/go deploy the TypeScript example's DittoServer
 * (examples/typescript/scenario.ts) and export the same outputs; every property they set conforms to schema.json.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { exampleArgs } from "../../examples/typescript/scenario";
import { valueOf } from "../helpers/mocks";
import {
  ajv2020,
  element,
  inputJsonSchema,
  resource,
  ROOT,
  TOKEN,
  typeOfRef,
  type Json,
} from "./support";
import { parseGoExample, parsePythonExample, type Node } from "./example-parsers";
import { renderServer } from "../../src/render";
import { examplePlainArgs } from "../helpers/example";

const EXAMPLES = path.join(ROOT, "examples");
const read = (...p: string[]) => fs.readFileSync(path.join(EXAMPLES, ...p), "utf8");

/** The TypeScript scenario with no stack config: its placeholders, Outputs resolved, and the paths that are secret. */
async function scenario(): Promise<{ args: Json; secrets: string[] }> {
  const noConfig = { get: () => undefined, getSecret: () => undefined } as unknown as pulumi.Config;
  const secrets: string[] = [];
  const resolve = async (v: unknown, at: string): Promise<unknown> => {
    if (pulumi.Output.isInstance(v)) {
      if (await (v as any).isSecret) secrets.push(at);
      return resolve(await valueOf(v as pulumi.Output<unknown>), at);
    }
    if (v && typeof v === "object") {
      const out: Json = {};
      for (const [k, x] of Object.entries(v)) out[k] = await resolve(x, at ? `${at}.${k}` : k);
      return out;
    }
    return v;
  };
  const args = (await resolve(exampleArgs(noConfig), "")) as Json;
  return { args, secrets: secrets.sort() };
}

/** Leaf paths of a plain object (map entries included: `resources.requests.cpu`). */
function leafPaths(v: Json, at = ""): string[] {
  return Object.entries(v).flatMap(([k, x]) =>
    x && typeof x === "object" ? leafPaths(x as Json, `${at}${k}.`) : [`${at}${k}`],
  );
}

const tsExports = [...read("typescript", "index.ts").matchAll(/^export const (\w+)/gm)].map(
  (m) => m[1],
);

describe("examples in YAML, Python and Go", () => {
  it("the TypeScript example exports the six outputs the others export", () => {
    expect(tsExports).to.deep.equal([
      "nfsEndpoint",
      "smbEndpoint",
      "apiEndpoint",
      "metricsEndpoint",
      "configHash",
      "adminPassword",
    ]);
    for (const name of tsExports) expect(resource.properties, name).to.have.property(name);
  });

  it("each README's Expect line names exactly the objects the example creates", () => {
    const { objects, warnings } = renderServer("demo", examplePlainArgs(), {}, "any");
    expect(warnings).to.deep.equal([]);
    const names = [...new Set((objects as Json[]).map((o) => o.metadata.name as string))].sort();
    expect(names).to.include.members([
      "demo-adapter-nfs",
      "demo-adapter-smb",
      "demo-postgres-connection",
    ]);
    for (const dir of ["typescript", "yaml", "python", "go"]) {
      const line = read(dir, "README.md")
        .split("\n")
        .find((l) => l.startsWith("Expect:"));
      const named = [
        ...new Set([...(line ?? "").matchAll(/`(demo(?:-[a-z0-9-]+)?)`/g)].map((m) => m[1])),
      ];
      expect(named.sort(), `examples/${dir}/README.md`).to.deep.equal(names);
    }
  });

  for (const dir of ["yaml", "python", "go"]) {
    it(`${dir}: a complete project with a README, using the plugin of this repository`, () => {
      const project = parse(read(dir, "Pulumi.yaml"));
      expect(project.name).to.equal(`dittofs-example-${dir}`);
      const runtime = typeof project.runtime === "string" ? project.runtime : project.runtime.name;
      expect(runtime).to.equal(dir);
      const plugin = path.resolve(EXAMPLES, dir, project.packages.dittofs);
      expect(fs.existsSync(path.join(plugin, "PulumiPlugin.yaml")), plugin).to.equal(true);
      expect(plugin).to.equal(ROOT);
      const readme = read(dir, "README.md");
      for (const word of ["Shows:", "Run:", "Expect:"]) expect(readme).to.include(word);
    });
  }

  describe("yaml", () => {
    const project = parse(read("yaml", "Pulumi.yaml"));
    const configDefaults: Json = Object.fromEntries(
      Object.entries(project.config as Json).map(([k, v]) => [k, v.default]),
    );
    const secretPaths: string[] = [];
    /** `${key}` → the config default; `fn::secret: x` → x (noting the path). Anything else must be plain. */
    const resolve = (v: unknown, at: string): unknown => {
      if (typeof v === "string") {
        const ref = /^\$\{(\w+)\}$/.exec(v);
        if (ref) {
          expect(configDefaults, `${at}: ${v}`).to.have.property(ref[1]);
          return configDefaults[ref[1]];
        }
        expect(v, at).not.to.include("${");
        return v;
      }
      if (v && typeof v === "object") {
        const o = v as Json;
        if ("fn::secret" in o) {
          secretPaths.push(at);
          return resolve(o["fn::secret"], at);
        }
        return Object.fromEntries(
          Object.entries(o).map(([k, x]) => [k, resolve(x, at ? `${at}.${k}` : k)]),
        );
      }
      return v;
    };
    const servers = Object.entries(project.resources as Json).filter(([, r]) => r.type === TOKEN);
    const properties = resolve(servers[0]?.[1].properties ?? {}, "") as Json;

    it("declares one DittoServer, whose properties validate against the schema's inputs", () => {
      expect(servers.map(([name]) => name)).to.deep.equal(["demo"]);
      const validate = ajv2020().compile(inputJsonSchema());
      const ok = validate(properties);
      expect(ok, JSON.stringify(validate.errors, null, 2)).to.equal(true);
    });

    it("the derived JSON Schema rejects what the schema does not allow", () => {
      const validate = ajv2020().compile(inputJsonSchema());
      const bad = [
        { ...properties, storag: properties.storage },
        { ...properties, storage: { cacheSize: "5Gi" } },
        { ...properties, smb: { enabled: "yes" } },
        { ...properties, service: { type: "Ingress" } },
        { ...properties, nfsPort: 2049.5 },
        { ...properties, resources: { requests: { cpu: 1 } } },
      ];
      for (const b of bad) expect(validate(b), JSON.stringify(b)).to.equal(false);
    });

    it("is the TypeScript example's DittoServer: the same args, the same secrets", async () => {
      const ts = await scenario();
      expect(properties).to.deep.equal(ts.args);
      expect(secretPaths.sort()).to.deep.equal(ts.secrets);
    });

    it("exports the TypeScript example's outputs from the DittoServer's", () => {
      expect(Object.keys(project.outputs)).to.deep.equal(tsExports);
      for (const [k, v] of Object.entries(project.outputs as Json)) {
        expect(v).to.equal(`\${demo.${k}}`);
      }
    });
  });

  /** Checks a parsed Python/Go DittoServer against the schema; returns its camelCase leaf paths. */
  function conform(
    node: Node,
    props: Json,
    nameOf: (schemaName: string) => string,
    classOf: (typeName: string) => string,
    at = "",
  ): string[] {
    expect(node.kind, at).to.equal("object");
    if (node.kind !== "object") return [];
    const paths: string[] = [];
    for (const [key, value] of Object.entries(node.props)) {
      const schemaName = Object.keys(props).find((p) => nameOf(p) === key);
      expect(schemaName, `${at}${key} is not an input`).to.be.a("string");
      const prop = props[schemaName!];
      const where = `${at}${schemaName}`;
      const elem = element(prop);
      if (prop.type === "object" && prop.additionalProperties) {
        expect(value.kind, where).to.equal("map");
        if (value.kind === "map") {
          for (const k of Object.keys(value.entries)) paths.push(`${where}.${k}`);
        }
      } else if (elem.$ref && typeOfRef(elem.$ref).properties) {
        const typeName = elem.$ref.replace(/^#\/types\/dittofs:index:/, "");
        if (value.kind === "object") expect(value.type, where).to.equal(classOf(typeName));
        paths.push(
          ...conform(value, typeOfRef(elem.$ref).properties, nameOf, classOf, `${where}.`),
        );
      } else {
        expect(value.kind, where).to.equal("leaf");
        paths.push(where);
      }
    }
    return paths;
  }

  const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

  describe("python", () => {
    const example = parsePythonExample(read("python", "__main__.py"));

    it("sets only schema inputs, with the SDK's types at the schema's nesting", async () => {
      const paths = conform(example.server, resource.inputProperties, snake, (t) => `${t}Args`);
      expect(paths.sort()).to.deep.equal(leafPaths((await scenario()).args).sort());
    });

    it("exports the TypeScript example's outputs", () => {
      expect(example.exports).to.deep.equal(tsExports);
    });
  });

  describe("go", () => {
    const example = parseGoExample(read("go", "main.go"));

    it("sets only schema inputs, with the SDK's types at the schema's nesting", async () => {
      const paths = conform(example.server, resource.inputProperties, pascal, (t) => `${t}Args`);
      expect(paths.sort()).to.deep.equal(leafPaths((await scenario()).args).sort());
    });

    it("exports the TypeScript example's outputs", () => {
      expect(example.exports).to.deep.equal(tsExports);
    });
  });
});
