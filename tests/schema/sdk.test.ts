/**
 * sdk/python and sdk/go are `pulumi package gen-sdk` output for the committed schema.json (`npm run sdk`). Always:
 * the recorded schema digest matches and the SDKs carry every type the schema has and every class the examples use.
 * With a Pulumi CLI (PULUMI_CLI, the toolchain cache's, or on PATH) and its Python and Go language hosts: a fresh
 * generation equals the committed files.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DIGEST_FILE,
  findPulumi,
  missingLanguageHosts,
  generateSdks,
  listFiles,
  schemaDigest,
  SDK_DIR,
  SDK_LANGUAGES,
} from "../../scripts/gen-sdk";
import { missingReason, toolchainStatus } from "../e2e/toolchain";
import { parseGoExample, parsePythonExample, type Node } from "./example-parsers";
import { ROOT, schema, type Json } from "./support";

const sdkFile = (...p: string[]) => fs.readFileSync(path.join(SDK_DIR, ...p), "utf8");
const typeNames = (filter: (t: Json) => boolean) =>
  Object.entries(schema.types as Json)
    .filter(([, t]) => filter(t))
    .map(([token]) => token.replace(/^dittofs:index:/, ""));

/** The SDK classes an example uses (object nodes' types). */
function classesUsed(node: Node): string[] {
  if (node.kind === "object") {
    return [node.type, ...Object.values(node.props).flatMap(classesUsed)];
  }
  if (node.kind === "map") return Object.values(node.entries).flatMap(classesUsed);
  return [];
}

const onPath = (command: string) =>
  (process.env.PATH ?? "")
    .split(path.delimiter)
    .some((dir) => dir !== "" && fs.existsSync(path.join(dir, command)));

/** Why `pulumi package gen-sdk` cannot run here, and how to fix it (empty when it can). */
function generationUnavailable(pulumi: string | undefined): string {
  if (!pulumi)
    return (
      "no Pulumi CLI (PULUMI_CLI, the toolchain cache, or PATH): " +
      (missingReason(toolchainStatus(["pulumi"])) || "install one")
    );
  // gen-sdk runs the language host of each language, found beside the CLI or on PATH.
  const absent = SDK_LANGUAGES.map((l) => `pulumi-language-${l}`).filter(
    (host) => !fs.existsSync(path.join(path.dirname(pulumi), host)) && !onPath(host),
  );
  if (absent.length === 0) return "";
  return (
    `gen-sdk needs ${absent.join(" and ")} beside ${pulumi} or on PATH: ` +
    (missingReason(toolchainStatus(absent)) || "install them there")
  );
}

describe("sdk/ (generated Python and Go SDKs)", () => {
  it("was generated from the committed schema.json (npm run sdk)", () => {
    const recorded = fs.readFileSync(DIGEST_FILE, "utf8").split(/\s+/)[0];
    expect(
      recorded,
      "schema.json changed since the SDKs were generated: run `npm run sdk`",
    ).to.equal(schemaDigest());
    for (const language of SDK_LANGUAGES) {
      const dir = language === "python" ? "pulumi_dittofs" : "dittofs";
      const plugin = JSON.parse(sdkFile(language, dir, "pulumi-plugin.json"));
      expect(plugin).to.deep.equal({ resource: true, name: "dittofs", version: schema.version });
    }
  });

  it("python: a class per schema type and enum, DittoServer, and every class the example uses", () => {
    const inputs = sdkFile("python", "pulumi_dittofs", "_inputs.py");
    const enums = sdkFile("python", "pulumi_dittofs", "_enums.py");
    for (const t of typeNames((t) => !t.enum)) expect(inputs, t).to.include(`class ${t}Args:`);
    for (const t of typeNames((t) => t.enum)) expect(enums, t).to.include(`class ${t}(`);
    const server = sdkFile("python", "pulumi_dittofs", "ditto_server.py");
    expect(server).to.include("class DittoServer(pulumi.ComponentResource):");
    const example = parsePythonExample(
      fs.readFileSync(path.join(ROOT, "examples", "python", "__main__.py"), "utf8"),
    );
    for (const cls of classesUsed(example.server).filter((c) => c !== "DittoServer")) {
      expect(inputs, cls).to.include(`class ${cls}:`);
    }
  });

  it("go: a struct per schema type, an enum type per enum, and every struct the example uses", () => {
    const types = sdkFile("go", "dittofs", "pulumiTypes.go");
    const enums = sdkFile("go", "dittofs", "pulumiEnums.go");
    for (const t of typeNames((t) => !t.enum))
      expect(types, t).to.include(`type ${t}Args struct {`);
    for (const t of typeNames((t) => t.enum)) expect(enums, t).to.include(`type ${t} string`);
    expect(sdkFile("go", "go.mod")).to.match(/^module example\.com\/pulumi-dittofs\/sdk\/go$/m);
    const server = sdkFile("go", "dittofs", "dittoServer.go");
    const example = parseGoExample(
      fs.readFileSync(path.join(ROOT, "examples", "go", "main.go"), "utf8"),
    );
    for (const cls of classesUsed(example.server)) {
      expect(cls === "DittoServerArgs" ? server : types, cls).to.include(`type ${cls} struct {`);
    }
  });

  it("equals a fresh `pulumi package gen-sdk` (needs the Pulumi CLI and its Python and Go hosts)", function () {
    const pulumi = findPulumi();
    const reason = generationUnavailable(pulumi);
    if (reason) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    const missing = missingLanguageHosts(pulumi!);
    if (missing.length > 0) {
      console.log(
        `      skipped: ${missing.join(", ")} not beside ${pulumi} or on PATH (not served by any package registry: build from the upstream pulumi/pulumi source at the CLI's version)`,
      );
      this.skip();
    }
    this.timeout(120_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-sdk-check-"));
    try {
      generateSdks(pulumi!, tmp);
      for (const language of SDK_LANGUAGES) {
        const fresh = path.join(tmp, language);
        const committed = path.join(SDK_DIR, language);
        expect(listFiles(committed), `sdk/${language} files`).to.deep.equal(listFiles(fresh));
        for (const f of listFiles(fresh)) {
          const same = fs
            .readFileSync(path.join(fresh, f))
            .equals(fs.readFileSync(path.join(committed, f)));
          expect(
            same,
            `sdk/${language}/${f} differs from a fresh generation: run \`npm run sdk\``,
          ).to.equal(true);
        }
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
