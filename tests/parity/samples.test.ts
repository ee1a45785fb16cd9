import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { render } from "../helpers/render";
import { DEVIATIONS, type ParityContext } from "./deviations";
import { operatorObjects } from "./operator-model";

type Obj = Record<string, any>;

const SHARED = path.join(__dirname, "..", "..", "..", "shared");
const SAMPLES = path.join(SHARED, "reference", "operator-feb2026", "samples");
const SECRET_FILES = ["dittofs_secrets.yaml", "dittofs_s3_secret.yaml"];

function docs(file: string): Obj[] {
  return parseAllDocuments(fs.readFileSync(file, "utf8"))
    .map((d) => d.toJS())
    .filter(Boolean);
}

function decodedSecrets(objects: Obj[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const s of objects.filter((o) => o.kind === "Secret")) {
    out[s.metadata.name] = {
      ...Object.fromEntries(
        Object.entries(s.data ?? {}).map(([k, v]) => [
          k,
          Buffer.from(String(v), "base64").toString("utf8"),
        ]),
      ),
      ...s.stringData,
    };
  }
  return out;
}

/** The wait-for-postgres script as operator-behavior.md §5.3 prints it. */
function specWaitScript(): string {
  const doc = fs.readFileSync(path.join(SHARED, "docs", "operator-behavior.md"), "utf8");
  const block = doc
    .split("Reproduce the script text exactly:")[1]
    .split("```sh\n")[1]
    .split("\n```")[0];
  return block;
}

/** Generated values and the digest differ by design; everything else must match. */
function normalize(objects: Obj[], name: string): Obj[] {
  const copy = structuredClone(objects);
  for (const o of copy) {
    if (o.kind === "Secret" && o.metadata.name === `${name}-jwt-secret`)
      o.data["jwt-secret"] = "<generated>";
    if (o.kind === "Secret" && o.metadata.name === `${name}-admin-bootstrap-credentials`)
      o.data.password = "<generated>";
    if (o.kind === "StatefulSet")
      o.spec.template.metadata.annotations["dittofs.io/config-hash"] = "<digest>";
  }
  return copy;
}

const sampleFiles = fs
  .readdirSync(SAMPLES)
  .filter(
    (f) => f.endsWith(".yaml") && docs(path.join(SAMPLES, f)).some((d) => d.kind === "DittoServer"),
  )
  .sort();

describe("parity with the operator for every Feb 2026 sample (deviation table applied)", () => {
  it("finds the eight DittoServer samples", () => {
    expect(sampleFiles).to.have.length(8);
  });

  for (const file of sampleFiles) {
    it(`${file}: rendered objects equal the operator's with the deviations applied`, () => {
      const sample = docs(path.join(SAMPLES, file));
      const cr = sample.find((d) => d.kind === "DittoServer")!;
      const own = sample.filter((d) => d.kind === "Secret");
      const secretDocs =
        own.length > 0 ? own : SECRET_FILES.flatMap((f) => docs(path.join(SAMPLES, f)));
      const secrets = decodedSecrets(secretDocs);
      const ctx: ParityContext = {
        cr,
        name: cr.metadata.name,
        namespace: cr.metadata.namespace,
        secrets,
      };

      const expected = operatorObjects(cr);
      for (const o of expected) {
        for (const c of o.spec?.template?.spec?.initContainers ?? [])
          c.command[2] = specWaitScript();
      }
      for (const row of DEVIATIONS) row.apply?.(expected, ctx);

      const ours = render(
        cr.metadata.name,
        { ...cr.spec, namespace: cr.metadata.namespace },
        secrets,
      ).objects as Obj[];
      expect(normalize(ours, ctx.name)).to.deep.equal(normalize(expected, ctx.name));
    });
  }
});
