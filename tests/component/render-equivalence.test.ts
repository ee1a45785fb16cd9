import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { deploy } from "../helpers/component";
import { render } from "../helpers/render";
import { putClusterSecret } from "../helpers/mocks";

type Obj = Record<string, any>;

const SAMPLES = path.join(
  __dirname,
  "..",
  "..",
  "..",
  "shared",
  "reference",
  "operator-feb2026",
  "samples",
);

function docs(file: string): Obj[] {
  return parseAllDocuments(fs.readFileSync(path.join(SAMPLES, file), "utf8"))
    .map((d) => d.toJS())
    .filter(Boolean);
}

function plainSecrets(objects: Obj[]): Record<string, Record<string, string>> {
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

/** Generated values and the HMAC key differ between the two paths by design. */
function normalize(o: Obj): Obj {
  const copy = structuredClone(o);
  if (copy.kind === "Secret" && copy.metadata.name.endsWith("-jwt-secret"))
    copy.data["jwt-secret"] = "<generated>";
  if (copy.kind === "Secret" && copy.metadata.name.endsWith("-admin-bootstrap-credentials")) {
    copy.data.password = "<generated>";
  }
  if (copy.kind === "StatefulSet")
    copy.spec.template.metadata.annotations["dittofs.io/config-hash"] = "<digest>";
  return copy;
}

const cases = fs
  .readdirSync(SAMPLES)
  .filter((f) => docs(f).some((d) => d.kind === "DittoServer"))
  .sort();

describe("the component registers exactly what dittofs render prints", () => {
  cases.forEach((file, i) => {
    it(`${file}: the same objects`, async () => {
      const sample = docs(file);
      const cr = sample.find((d) => d.kind === "DittoServer")!;
      const own = sample.filter((d) => d.kind === "Secret");
      const secretDocs = own.length
        ? own
        : ["dittofs_secrets.yaml", "dittofs_s3_secret.yaml"].flatMap((f) => docs(f));
      const secrets = plainSecrets(secretDocs);
      // A namespace per case: the mocked cluster is shared by every test.
      const namespace = `equivalence-${i}`;
      for (const [name, data] of Object.entries(secrets)) putClusterSecret(namespace, name, data);

      const rendered = render(cr.metadata.name, { ...cr.spec, namespace }, secrets)
        .objects as Obj[];
      const d = await deploy(cr.metadata.name, { ...cr.spec, namespace });
      const registered = d.children
        .filter((c) => !c.read && c.type.startsWith("kubernetes:"))
        .map((c) => c.inputs);

      // Registration order follows input resolution under the runtime; compare by object identity.
      const key = (o: Obj) => `${o.kind}/${o.metadata.name}`;
      const byKey = (list: Obj[]) =>
        [...list].sort((a, b) => key(a).localeCompare(key(b))).map(normalize);
      expect(registered.map(key).sort()).to.deep.equal(rendered.map(key).sort());
      expect(byKey(registered)).to.deep.equal(byKey(rendered));
    });
  });
});
