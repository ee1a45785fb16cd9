/**
 * Regenerates the generated parts of README.md: the runtime resources' reference (from the kinds' data), the argument
 * and output reference (from the JSDoc of src/args.ts
 * and src/ditto-server.ts) and the "Differences from the operator" table (src/models/feb2026/differences.ts, whose
 * rows the parity tests apply).
 *
 *   npm run docs            # rewrites README.md
 *   npm run docs -- --check # exits 1 when README.md is stale
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { DIFFERENCES as FEB_DIFFERENCES } from "../src/models/feb2026/differences";
import type { Difference } from "../src/models/object-model";
import { CONNECTION_INPUTS } from "../src/resources/connection";
import type { PropertySchema } from "../src/resources/kind";
import { KINDS } from "../src/resources/kinds";
import { DIFFERENCES as V029_DIFFERENCES } from "../src/models/v029/differences";

const ROOT = path.resolve(__dirname, "..");

function jsdoc(node: ts.Node): string {
  const docs = (node as unknown as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  return docs
    .map((d) => (typeof d.comment === "string" ? d.comment : ""))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

function typeText(node: ts.TypeNode | undefined, source: ts.SourceFile): string {
  if (!node) return "";
  return node
    .getText(source)
    .replace(/Input<(.*)>$/s, "$1")
    .replace(/\bInput<([^<>]*)>/g, "$1")
    .replace(/k8s\.types\.input\.core\.v1\./g, "core/v1 ");
}

export function argsReference(): string {
  const file = path.join(ROOT, "src", "args.ts");
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.ES2022,
    true,
  );
  const out: string[] = [];
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    out.push(
      `#### ${node.name.text}`,
      "",
      jsdoc(node),
      "",
      "| field | type | description |",
      "|---|---|---|",
    );
    for (const member of node.members) {
      if (!ts.isPropertySignature(member)) continue;
      const name = `\`${member.name.getText(source)}\`${member.questionToken ? "" : " (required)"}`;
      out.push(`| ${name} | \`${cell(typeText(member.type, source))}\` | ${cell(jsdoc(member))} |`);
    }
    out.push("");
  });
  return out.join("\n");
}

export function outputsReference(): string {
  const file = path.join(ROOT, "src", "ditto-server.ts");
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.ES2022,
    true,
  );
  const out = ["| output | type | description |", "|---|---|---|"];
  source.forEachChild((node) => {
    if (!ts.isClassDeclaration(node)) return;
    for (const member of node.members) {
      if (!ts.isPropertyDeclaration(member)) continue;
      const type = member.type?.getText(source).replace(/^pulumi\.Output<(.*)>$/, "$1") ?? "";
      out.push(
        `| \`${member.name.getText(source)}\` | \`${cell(type)}\` | ${cell(jsdoc(member))} |`,
      );
    }
  });
  return out.join("\n") + "\n";
}

export function deviationsTable(differences: Difference[]): string {
  const rows = differences.map((d) => `| \`${d.id}\` | ${cell(d.rule)} | ${cell(d.reason)} |`);
  return ["| id | what the component does | why |", "|---|---|---|", ...rows].join("\n") + "\n";
}

/** A property's type as the README shows it: `string`, `integer[]`, `{ key: … }`, `map<string>`. */
function schemaType(p: PropertySchema): string {
  if (p.type === "array") return `${p.items ? schemaType(p.items) : "any"}[]`;
  if (p.type === "object" && p.properties) return `{ ${Object.keys(p.properties).join(", ")} }`;
  if (p.type === "object" && typeof p.additionalProperties === "object")
    return `map<${schemaType(p.additionalProperties)}>`;
  return p.enum ? p.enum.map((e) => JSON.stringify(e)).join(" | ") : p.type;
}

function propertyRows(props: Record<string, PropertySchema>, required: string[] = []): string[] {
  return Object.entries(props).map(([name, p]) => {
    const flags = [
      required.includes(name) ? "required" : "",
      p.replaceOnChanges ? "replaces" : "",
      p.secret ? "secret" : "",
    ].filter(Boolean);
    return `| \`${name}\` | \`${cell(schemaType(p))}\` | ${flags.join(", ")} | ${cell(p.description)} |`;
  });
}

/** The provider's configuration and each runtime resource's inputs and outputs, from the kinds' data. */
export function resourcesReference(): string {
  const head = ["| property | type | | description |", "|---|---|---|---|"];
  const out = ["#### Provider (`dittofs:endpoint`, … or `new dittofs.Provider`)", "", ...head];
  out.push(...propertyRows(CONNECTION_INPUTS), "");
  for (const kind of KINDS) {
    out.push(`#### ${kind.name}`, "", cell(kind.description), "", ...head);
    out.push(...propertyRows(kind.inputs, kind.requiredInputs));
    if (kind.outputs)
      out.push(...propertyRows(kind.outputs).map((r) => r.replace(/^\| `/, "| output `")));
    out.push("");
  }
  return out.join("\n");
}

function replaceBetween(text: string, marker: string, body: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const [before, rest] = text.split(start);
  if (rest === undefined) throw new Error(`README.md has no ${start}`);
  const after = rest.split(end)[1];
  return `${before}${start}\n${body}${end}${after}`;
}

export function generatedReadme(current: string): string {
  let text = replaceBetween(current, "args", argsReference());
  text = replaceBetween(text, "outputs", outputsReference());
  text = replaceBetween(text, "resources", resourcesReference());
  text = replaceBetween(text, "deviations-v029", deviationsTable(V029_DIFFERENCES));
  return replaceBetween(text, "deviations", deviationsTable(FEB_DIFFERENCES));
}

function main(): void {
  const file = path.join(ROOT, "README.md");
  const current = fs.readFileSync(file, "utf8");
  const next = generatedReadme(current);
  if (process.argv.includes("--check")) {
    if (next !== current) {
      console.error("README.md is stale: run npm run docs");
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(file, next);
}

if (require.main === module) main();
