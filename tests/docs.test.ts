import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { generatedFiles, MODEL_SOURCES } from "../scripts/gen-spec";
import { generatedReadme } from "../scripts/gen-readme";
import specSchema from "../src/generated/feb2026/spec-schema.json";

const ROOT = path.join(__dirname, "..");

interface Member {
  type: string;
  doc: string;
}

function argInterfaces(): Map<string, Map<string, Member>> {
  const file = path.join(ROOT, "src", "args.ts");
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.ES2022,
    true,
  );
  const out = new Map<string, Map<string, Member>>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const members = new Map<string, Member>();
    for (const m of node.members) {
      if (!ts.isPropertySignature(m)) continue;
      const docs = (m as unknown as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
      members.set(m.name.getText(source), {
        type: m.type?.getText(source) ?? "",
        doc: docs.map((d) => (typeof d.comment === "string" ? d.comment : "")).join(" "),
      });
    }
    out.set(node.name.text, members);
  });
  return out;
}

/** Spec schema properties paired with the arg fields documenting them (core/v1 types are not descended). */
function pairs(): Array<{ path: string; schema: any; member?: Member }> {
  const interfaces = argInterfaces();
  const out: Array<{ path: string; schema: any; member?: Member }> = [];
  const walk = (schema: any, iface: string, prefix: string) => {
    for (const [name, child] of Object.entries<any>(schema.properties ?? {})) {
      const member = interfaces.get(iface)?.get(name);
      out.push({ path: `${prefix}${name}`, schema: child, member });
      const nested = member?.type.match(/\b(\w+Args)\b/)?.[1];
      if (child.properties && nested && interfaces.has(nested))
        walk(child, nested, `${prefix}${name}.`);
    }
  };
  walk(specSchema, "DittoServerSpecArgs", "spec.");
  return out;
}

describe("documentation and generated files", () => {
  it("documents every CRD field as an arg with JSDoc", () => {
    const missing = pairs()
      .filter((p) => !p.member || p.member.doc.trim() === "")
      .map((p) => p.path);
    expect(missing).to.deep.equal([]);
  });

  it("states each schema default in the arg's JSDoc, as `Defaults to <value>.`", () => {
    const wrong = pairs()
      .filter(
        (p) => p.member && p.schema.default !== undefined && typeof p.schema.default !== "object",
      )
      .filter(
        (p) =>
          !p.member!.doc.includes(
            `Defaults to \`${p.schema.default === "" ? '""' : p.schema.default}\`.`,
          ),
      )
      .map((p) => `${p.path} (schema default ${JSON.stringify(p.schema.default)})`);
    expect(wrong).to.deep.equal([]);
  });

  it("documents no default the schema does not have", () => {
    const invented = pairs()
      .filter(
        (p) => p.member && /Defaults to `/.test(p.member.doc) && p.schema.default === undefined,
      )
      .map((p) => p.path);
    expect(invented).to.deep.equal([]);
  });

  it("keeps src/generated in step with the operator's CRDs (npm run gen:spec)", () => {
    for (const source of MODEL_SOURCES) {
      const files = generatedFiles(source, fs.readFileSync(source.crd, "utf8"));
      for (const [name, text] of Object.entries(files)) {
        const committed = fs.readFileSync(path.join(ROOT, "src", "generated", name), "utf8");
        expect(committed, name).to.equal(text);
      }
    }
  });

  it("keeps the README's reference and differences table in step (npm run docs)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(generatedReadme(readme) === readme, "README.md is stale: run npm run docs").to.equal(
      true,
    );
  });

  it("opens the README with the two commands: the example render and the tests", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const firstBlock = readme.split("```bash\n")[1].split("```")[0];
    expect(firstBlock).to.include("npm run render:example");
    expect(firstBlock).to.include("npm test");
    const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
    expect(ci).to.include("npm test");
  });
});
