/**
 * `dittofs render` through `run()` (src/cli/main.ts): inputs are temp files, output is checked as text and as YAML.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments, stringify } from "yaml";
import { run } from "../../src/cli/main";
import { CONFIG_HASH_ANNOTATION } from "../../src/hash";

type Obj = Record<string, any>;
const EXAMPLE = path.resolve(__dirname, "../../examples/dittoserver.yaml");
const KIND_ORDER = ["Secret", "ConfigMap", "Service", "PerconaPGCluster", "StatefulSet"];

const JWT = "cli-jwt-secret-value-long-enough-0123456";
const INITIAL = "cli-initial-pass-42";
const PG_PASSWORD = "pg-pass-word-9876";
const PG = `postgres://dittofs:${PG_PASSWORD}@pg.db:5432/dittofs?sslmode=require`;
const S3 = {
  accessKeyId: "AKIACLIEXAMPLE",
  secretAccessKey: "cli-s3-secret-example",
  endpoint: "https://s3.cli.example",
};

let dir: string;
let counter = 0;
function write(...docs: Obj[]): string {
  const file = path.join(dir, `input-${++counter}.yaml`);
  fs.writeFileSync(file, docs.map((d) => `---\n${stringify(d)}`).join(""));
  return file;
}

const server = (spec: Obj, namespace?: string, name = "cli"): Obj => ({
  apiVersion: "dittofs.dittofs.com/v1alpha1",
  kind: "DittoServer",
  metadata: namespace ? { name, namespace } : { name },
  spec,
});
const secret = (name: string, stringData: Obj, namespace?: string, data?: Obj): Obj => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: namespace ? { name, namespace } : { name },
  ...(data ? { data } : {}),
  stringData,
});

/** Nothing generated: JWT and initial password referenced, plus Postgres and S3. */
const REFS_SPEC: Obj = {
  storage: { metadataSize: "1Gi", cacheSize: "1Gi" },
  identity: {
    jwt: { secretRef: { name: "cli-jwt", key: "secret" } },
    admin: { initialPasswordSecretRef: { name: "cli-admin", key: "initial" } },
  },
  database: { type: "postgres", postgresSecretRef: { name: "cli-pg", key: "url" } },
  s3: { credentialsSecretRef: { secretName: "cli-s3" }, bucket: "b" },
};
const refsSecrets = (ns?: string) => [
  secret("cli-jwt", { secret: JWT }, ns),
  secret("cli-admin", { initial: INITIAL }, ns),
  secret("cli-pg", { url: PG }, ns),
  secret("cli-s3", S3, ns),
];

const docsOf = (stdout: string): Obj[] =>
  parseAllDocuments(stdout).map((d) => {
    expect(d.errors, "YAML errors").to.deep.equal([]);
    return d.toJS() as Obj;
  });
const ok = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = run(argv, env);
  expect(r.code, r.stderr).to.equal(0);
  return r;
};
const fails = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = run(argv, env);
  expect(r.code).to.equal(1);
  expect(r.stdout).to.equal("");
  return r;
};

/** Replaces generated values (and the digest, which covers them) by placeholders, in the output text. */
function normalise(stdout: string): string {
  let text = stdout;
  for (const o of docsOf(stdout)) {
    const name = o.metadata.name as string;
    if (o.kind === "Secret" && name.endsWith("-jwt-secret"))
      text = text.split(o.data["jwt-secret"]).join("<JWT>");
    if (o.kind === "Secret" && name.endsWith("-admin-bootstrap-credentials"))
      text = text.split(o.data.password).join("<PASSWORD>");
    if (o.kind === "StatefulSet")
      text = text
        .split(o.spec.template.metadata.annotations[CONFIG_HASH_ANNOTATION])
        .join("<HASH>");
  }
  return text;
}

describe("dittofs render (run)", () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-render-cli-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("renders the example with exit code 0 and no errors", () => {
    const r = ok(["render", "-f", EXAMPLE]);
    expect(r.stdout.startsWith("---\n")).to.equal(true);
    expect(r.stderr).to.not.match(/error/);
  });

  it("prints documents that parse, in the order Secrets, ConfigMap, Services, StatefulSet", () => {
    const docs = docsOf(ok(["render", "-f", EXAMPLE]).stdout);
    const ranks = docs.map((d) => KIND_ORDER.indexOf(d.kind));
    expect(ranks).to.not.include(-1);
    expect(ranks).to.deep.equal([...ranks].sort((a, b) => a - b));
    expect(new Set(docs.map((d) => d.kind))).to.deep.equal(
      new Set(["Secret", "ConfigMap", "Service", "StatefulSet"]),
    );
  });

  it("puts the PerconaPGCluster after the Services and before the StatefulSet", () => {
    const file = write(
      server({ storage: { metadataSize: "1Gi", cacheSize: "1Gi" }, percona: { enabled: true } }),
    );
    const kinds = docsOf(ok(["render", "-f", file]).stdout).map((d) => d.kind);
    expect(kinds.slice(-3)).to.deep.equal(["Service", "PerconaPGCluster", "StatefulSet"]);
  });

  it("gives byte-identical output for two runs with one --hash-key once generated values are normalised", () => {
    const a = ok(["render", "-f", EXAMPLE, "--hash-key", "k"]).stdout;
    const b = ok(["render", "-f", EXAMPLE, "--hash-key", "k"]).stdout;
    expect(a, "generated values should differ between runs").to.not.equal(b);
    expect(normalise(a)).to.equal(normalise(b));
    expect(normalise(a)).to.include("<JWT>").and.include("<PASSWORD>").and.include("<HASH>");
  });

  it("gives byte-identical output for two runs when nothing is generated", () => {
    const file = write(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    const a = ok(["render", "-f", file, "--hash-key", "k"]).stdout;
    expect(ok(["render", "-f", file, "--hash-key", "k"]).stdout).to.equal(a);
  });

  it("uses DITTOFS_HASH_KEY when --hash-key is absent", () => {
    const file = write(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    const flag = ok(["render", "-f", file, "--hash-key", "env-key"]).stdout;
    expect(ok(["render", "-f", file], { DITTOFS_HASH_KEY: "env-key" }).stdout).to.equal(flag);
    expect(ok(["render", "-f", file], { DITTOFS_HASH_KEY: "other-key" }).stdout).to.not.equal(flag);
  });

  it("prefers --hash-key over DITTOFS_HASH_KEY", () => {
    const file = write(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    const flag = ok(["render", "-f", file, "--hash-key", "flag-key"]).stdout;
    expect(
      ok(["render", "-f", file, "--hash-key", "flag-key"], { DITTOFS_HASH_KEY: "x" }).stdout,
    ).to.equal(flag);
  });

  it("uses the documented fixed key dittofs-render when no key is given", () => {
    const file = write(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    const fixed = ok(["render", "-f", file, "--hash-key", "dittofs-render"]).stdout;
    expect(ok(["render", "-f", file]).stdout).to.equal(fixed);
  });

  it("fails a bad spec with code 1, empty stdout and the field path on stderr", () => {
    const file = write(server({ replicas: 3, storage: { metadataSize: "1Gi", cacheSize: "1Gi" } }));
    const r = fails(["render", "-f", file]);
    expect(r.stderr.split("\n").some((l) => /^\s*spec\.replicas: /.test(l))).to.equal(true);
  });

  it("rejects the component-only fields inside a CR's spec as unknown fields", () => {
    const file = write(
      server({
        storage: { metadataSize: "1Gi" },
        secretValues: { jwtSecret: JWT },
        labels: { a: "b" },
      }),
    );
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include("spec.labels: unknown field");
    expect(r.stderr).to.include("spec.secretValues: unknown field");
    expect(r.stderr).not.to.include(JWT);
  });

  it("fails when a referenced Secret is missing from the files, naming namespace/name", () => {
    const file = write(
      server(REFS_SPEC, "refs"),
      ...refsSecrets("refs").filter((s) => s.metadata.name !== "cli-pg"),
    );
    expect(fails(["render", "-f", file]).stderr).to.include("refs/cli-pg");
  });

  it("fails when the example's S3 Secret is left out, naming it", () => {
    const cr = docsOf(fs.readFileSync(EXAMPLE, "utf8")).find((d) => d.kind === "DittoServer")!;
    expect(fails(["render", "-f", write(cr)]).stderr).to.include("dittofs/demo-s3");
  });

  it("fails when a referenced key is missing, naming the key", () => {
    const secrets = refsSecrets("refs");
    secrets[1] = secret("cli-admin", { other: INITIAL }, "refs");
    const r = fails(["render", "-f", write(server(REFS_SPEC, "refs"), ...secrets)]);
    expect(r.stderr).to.include("refs/cli-admin").and.include('"initial"');
    expect(r.stderr).to.not.include(INITIAL);
  });

  it("applies --namespace to a CR without metadata.namespace and to its objects", () => {
    const file = write(server(REFS_SPEC), ...refsSecrets());
    const docs = docsOf(ok(["render", "-f", file, "--namespace", "team-x"]).stdout);
    expect(new Set(docs.map((d) => d.metadata.namespace))).to.deep.equal(new Set(["team-x"]));
  });

  it("puts a CR without metadata.namespace in default when --namespace is absent", () => {
    const file = write(server(REFS_SPEC), ...refsSecrets());
    const docs = docsOf(ok(["render", "-f", file]).stdout);
    expect(new Set(docs.map((d) => d.metadata.namespace))).to.deep.equal(new Set(["default"]));
  });

  it("keeps a CR's own metadata.namespace over --namespace", () => {
    const file = write(server(REFS_SPEC, "own"), ...refsSecrets("own"));
    const docs = docsOf(ok(["render", "-f", file, "--namespace", "team-x"]).stdout);
    expect(new Set(docs.map((d) => d.metadata.namespace))).to.deep.equal(new Set(["own"]));
  });

  it("looks up Secrets only in the CR's namespace", () => {
    const file = write(server(REFS_SPEC, "ns-a"), ...refsSecrets("ns-b"));
    expect(fails(["render", "-f", file]).stderr).to.include("ns-a/cli-jwt");
  });

  it("uses stringData over data for the same key", () => {
    const short = Buffer.from("too-short").toString("base64");
    const secrets = refsSecrets("refs");
    secrets[0] = secret("cli-jwt", { secret: JWT }, "refs", { secret: short });
    const merged = ok(["render", "-f", write(server(REFS_SPEC, "refs"), ...secrets)]).stdout;
    expect(merged).to.equal(
      ok(["render", "-f", write(server(REFS_SPEC, "refs"), ...refsSecrets("refs"))]).stdout,
    );
  });

  it("fails an unsupported kind with code 1", () => {
    const file = write({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: {} });
    expect(fails(["render", "-f", EXAMPLE, "-f", file]).stderr).to.include("ConfigMap");
  });

  it("fails without -f with a usage error", () => {
    expect(fails(["render"]).stderr).to.include("usage:");
  });

  it("fails an unknown command", () => {
    expect(fails(["draw", "-f", EXAMPLE]).stderr).to.include("usage:");
  });

  it("prints the usage with code 0 for --help", () => {
    const r = run(["render", "--help"], {});
    expect(r.code).to.equal(0);
    expect(r.stdout).to.include("usage: dittofs render");
  });

  it("keeps secret plaintext inside Secret data only", () => {
    const refsOut = ok([
      "render",
      "-f",
      write(server(REFS_SPEC, "refs"), ...refsSecrets("refs")),
    ]).stdout;
    const exampleOut = ok(["render", "-f", EXAMPLE]).stdout;
    for (const stdout of [refsOut, exampleOut]) {
      const docs = docsOf(stdout);
      const generated = docs
        .filter(
          (d) =>
            d.kind === "Secret" &&
            /-(jwt-secret|admin-bootstrap-credentials)$/.test(d.metadata.name),
        )
        .flatMap((d) => Object.entries(d.data as Obj).filter(([k]) => k !== "username"))
        .map(([, v]) => Buffer.from(v as string, "base64").toString("utf8"));
      const plain = [
        JWT,
        INITIAL,
        PG,
        PG_PASSWORD,
        ...Object.values(S3),
        "example-access-key-id",
        "example-secret-access-key",
        "https://s3.example.com",
        ...generated,
      ];
      for (const d of docs.filter((o) => o.kind !== "Secret")) {
        const text = stringify(d);
        for (const value of plain) {
          expect(text, `${d.kind}/${d.metadata.name}`).to.not.include(value);
          expect(text, `${d.kind}/${d.metadata.name}`).to.not.include(
            Buffer.from(value).toString("base64"),
          );
        }
      }
    }
  });
});
