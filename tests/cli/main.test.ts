/**
 * `dittofs render` through `run()` (src/cli/main.ts): inputs are temp files, output is checked as text and as YAML.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments, stringify } from "yaml";
import { rejectDuplicateObjects } from "../../src/cli/duplicates";
import { run } from "../../src/cli/main";
import { INPUT_LIMIT_BYTES, INPUT_LIMIT_TEXT } from "../../src/cli/read-files";
import { MAX_DOCUMENTS, OPERATOR_RELEASE_ANNOTATION } from "../../src/cli/read-inputs";
import { CONFIG_HASH_ANNOTATION } from "../../src/hash";
import type { Obj } from "../helpers/objects";
import { MINIMAL } from "../helpers/specs";
import { b64, fromB64 } from "../helpers/base64";

/** The Feb model's example (its CR names the release in the dittofs.io/operator-release annotation). */
const EXAMPLE = path.resolve(__dirname, "../fixtures/feb2026/example.yaml");
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

/** A CR of the Feb model (the suite was written for it), which it names in its annotation. */
const server = (spec: Obj, namespace?: string, name = "cli"): Obj => ({
  apiVersion: "dittofs.dittofs.com/v1alpha1",
  kind: "DittoServer",
  metadata: {
    name,
    ...(namespace ? { namespace } : {}),
    annotations: { [OPERATOR_RELEASE_ANNOTATION]: "2026-02" },
  },
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
        ...MINIMAL,
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
    const short = b64("too-short");
    const secrets = refsSecrets("refs");
    secrets[0] = secret("cli-jwt", { secret: JWT }, "refs", { secret: short });
    const merged = ok(["render", "-f", write(server(REFS_SPEC, "refs"), ...secrets)]).stdout;
    expect(merged).to.equal(
      ok(["render", "-f", write(server(REFS_SPEC, "refs"), ...refsSecrets("refs"))]).stdout,
    );
  });

  it("ignores other Kubernetes objects (what render itself emits, and any other)", () => {
    const file = write(
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: {} },
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "y" }, spec: {} },
      { apiVersion: "pgv2.percona.com/v2", kind: "PerconaPGCluster", metadata: { name: "z" } },
    );
    const alone = write(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    const withOthers = ok(["render", "-f", alone, "-f", file, "--hash-key", "k"]);
    expect(withOthers.stdout).to.equal(ok(["render", "-f", alone, "--hash-key", "k"]).stdout);
    expect(withOthers.stderr).to.equal("");
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
        .map(([, v]) => fromB64(v as string));
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
          expect(text, `${d.kind}/${d.metadata.name}`).to.not.include(b64(value));
        }
      }
    }
  });
});

describe("dittofs render: inputs (files, standard input, limits, what is not an input)", () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-render-inputs-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const writeText = (name: string, text: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("says in words why a file cannot be read, without an errno code", () => {
    const missing = fails(["render", "-f", path.join(dir, "missing.yaml")]).stderr;
    expect(missing).to.equal(
      `error: cannot read ${path.join(dir, "missing.yaml")}: no such file\n`,
    );
    expect(fails(["render", "-f", dir]).stderr).to.equal(
      `error: cannot read ${dir}: is a directory\n`,
    );
    const notDir = fails(["render", "-f", path.join(EXAMPLE, "x.yaml")]).stderr;
    expect(notDir).to.include("a part of the path is not a directory");
    for (const stderr of [missing, notDir]) expect(stderr).to.not.match(/E[A-Z]{3,}/);
  });

  it("says permission denied for a file it may not read", function () {
    if (process.getuid?.() === 0) this.skip(); // root reads every file
    const file = writeText("locked.yaml", "x: 1\n");
    fs.chmodSync(file, 0o000);
    expect(fails(["render", "-f", file]).stderr).to.equal(
      `error: cannot read ${file}: permission denied\n`,
    );
  });

  it("reads standard input for -f -, once", () => {
    const text = fs.readFileSync(EXAMPLE);
    let reads = 0;
    const readStdin = () => {
      reads++;
      return text;
    };
    const fromStdin = run(["render", "-f", "-", "--hash-key", "k"], {}, { readStdin });
    expect(fromStdin.code, fromStdin.stderr).to.equal(0);
    expect(reads).to.equal(1);
    expect(normalise(fromStdin.stdout)).to.equal(
      normalise(ok(["render", "-f", EXAMPLE, "--hash-key", "k"]).stdout),
    );
    const twice = run(["render", "-f", "-", "-f", "-"], {}, { readStdin });
    expect(twice.code).to.equal(1);
    expect(twice.stderr).to.include("-f - (standard input) may be given once");
    expect(reads).to.equal(1);
    // Errors name it.
    const bad = run(["render", "-f", "-"], {}, { readStdin: () => Buffer.from("name: x\n") });
    expect(bad.stderr).to.include(
      "<stdin> (document 1): not a Kubernetes object (no apiVersion/kind)",
    );
  });

  it("reads the real standard input of the process", function () {
    this.timeout(60_000);
    const result = spawnSync(
      process.execPath,
      [
        "-r",
        "ts-node/register/transpile-only",
        "-e",
        'require("./src/cli/main").main(process.argv.slice(1))',
        "render",
        "-f",
        "-",
        "--hash-key",
        "k",
      ],
      { cwd: path.resolve(__dirname, "../.."), input: fs.readFileSync(EXAMPLE), encoding: "utf8" },
    );
    expect(result.status, result.stderr).to.equal(0);
    expect(normalise(result.stdout)).to.equal(
      normalise(ok(["render", "-f", EXAMPLE, "--hash-key", "k"]).stdout),
    );
  });

  it("says that a file without apiVersion/kind (Pulumi.yaml) is not a Kubernetes object", () => {
    const pulumiYaml = path.resolve(__dirname, "../../Pulumi.yaml");
    expect(fails(["render", "-f", EXAMPLE, "-f", pulumiYaml]).stderr).to.equal(
      `error: ${pulumiYaml} (document 1): not a Kubernetes object (no apiVersion/kind)\n`,
    );
  });

  it(`stops at ${INPUT_LIMIT_TEXT} of input, all files together, and says so`, () => {
    const half = Buffer.alloc(INPUT_LIMIT_BYTES / 2 + 1, "#");
    const a = writeText("half-a.yaml", half);
    const b = writeText("half-b.yaml", half);
    const r = fails(["render", "-f", EXAMPLE, "-f", a, "-f", b]);
    expect(r.stderr).to.include(
      `cannot read ${b}: the inputs exceed dittofs render's limit of 8 MiB`,
    );
    const endless = run(
      ["render", "-f", "-"],
      {},
      { readStdin: (budget) => Buffer.alloc(budget + 1) },
    );
    expect(endless.stderr).to.include("cannot read <stdin>: the inputs exceed");
    expect(ok(["render", "--help"]).stdout).to.include(`hold ${INPUT_LIMIT_TEXT} together`);
  });

  it(`stops after ${MAX_DOCUMENTS} YAML documents`, () => {
    const file = writeText("many.yaml", "---\n".repeat(MAX_DOCUMENTS + 1));
    expect(fails(["render", "-f", file]).stderr).to.include(
      `(document ${MAX_DOCUMENTS + 1}): more than ${MAX_DOCUMENTS} YAML documents`,
    );
  });

  it("refuses a file that is not UTF-8, and a YAML error shows its line, never the text", () => {
    const latin1 = writeText("latin1.yaml", Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(fails(["render", "-f", latin1]).stderr).to.equal(
      `error: cannot read ${latin1}: it is not UTF-8 text\n`,
    );
    const broken = writeText(
      "broken.yaml",
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  k: "broken-secret-value-0123\n',
    );
    const r = fails(["render", "-f", broken]);
    expect(r.stderr).to.match(/invalid YAML at line \d+, column \d+/);
    expect(r.stderr).to.not.include("broken-secret-value");
  });

  it("reads integers beyond 2^53-1 exactly and refuses them with their path and digits", () => {
    const file = writeText(
      "big.yaml",
      "apiVersion: dittofs.dittofs.com/v1alpha1\nkind: DittoServer\nmetadata: {name: big}\n" +
        "spec:\n  storage: {metadataSize: 1Gi}\n  securityContext: {runAsUser: 18446744073709551615}\n",
    );
    expect(fails(["render", "-f", file]).stderr).to.include(
      "spec.securityContext.runAsUser: 18446744073709551615 is an integer beyond 2^53-1 (9007199254740991)",
    );
  });

  it("refuses a config over 1 MiB, naming the field that made it", () => {
    const file = write(
      server({
        ...MINIMAL,
        identity: { jwt: { issuer: "i".repeat(1 << 20) } },
      }),
    );
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include(
      `spec.identity.jwt.issuer: ${1 << 20} characters make the server config (ConfigMap "cli-config") too large`,
    );
    expect(r.stderr).to.include("over the API server's limit of 1048576 bytes (1 MiB)");
  });

  it("refuses an input Secret over 1 MiB (the API server would not hold it)", () => {
    const big = "s".repeat((1 << 20) + 1);
    const file = write(
      server(REFS_SPEC, "refs"),
      ...refsSecrets("refs"),
      secret("huge", { k: big }, "refs"),
    );
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include('Secret "refs/huge": its data is 1048577 bytes');
    expect(r.stderr.length).to.be.lessThan(1000);
  });

  it("hints, when a Secret is not found, that render reads Secrets only from its -f files", () => {
    const file = write(server(REFS_SPEC, "refs"), ...refsSecrets("elsewhere"));
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include('Secret "refs/cli-jwt" not found');
    expect(r.stderr).to.include(
      `hint: render reads Secrets only from its -f files, in the DittoServer's namespace ("refs"): give the Secret's manifest with -f`,
    );
  });

  it("refuses a DittoServer or a Secret given twice, and two rendered objects that are one", () => {
    const file = write(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    expect(fails(["render", "-f", file, "-f", file]).stderr).to.include(
      `DittoServer "refs/cli" is given twice: ${file} (document 1) and ${file} (document 1)`,
    );
    const secrets = write(...refsSecrets("refs"));
    expect(fails(["render", "-f", file, "-f", secrets]).stderr).to.include(
      'Secret "refs/cli-jwt" is given twice',
    );
    expect(() =>
      rejectDuplicateObjects([
        { object: { kind: "Service", metadata: { name: "a-api", namespace: "n" } }, from: "A" },
        { object: { kind: "ConfigMap", metadata: { name: "a-api", namespace: "n" } }, from: "B" },
        { object: { kind: "Service", metadata: { name: "a-api", namespace: "n" } }, from: "C" },
      ]),
    ).to.throw('Service "n/a-api" would be rendered twice: A and C');
  });

  it("refuses Secret data that is not base64, or values that are not strings, naming the Secret and key only", () => {
    const value = "plain-text-secret-value-not-base64!";
    const file = write(
      server(REFS_SPEC, "refs"),
      ...refsSecrets("refs").filter((s) => s.metadata.name !== "cli-jwt"),
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "cli-jwt", namespace: "refs" },
        data: { secret: value, num: 1234567890123, m: { nested: value } },
        stringData: { b: true, l: [value] },
      },
    );
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include('Secret "refs/cli-jwt":');
    expect(r.stderr).to.include('data key "secret": not valid base64');
    expect(r.stderr).to.include('data key "num": must be a string, not a number');
    expect(r.stderr).to.include('data key "m": must be a string, not a map');
    expect(r.stderr).to.include('stringData key "b": must be a string, not a boolean');
    expect(r.stderr).to.include('stringData key "l": must be a string, not an array');
    expect(r.stderr).to.not.include(value).and.not.include("1234567890123");
  });

  it("refuses plain scalars that YAML 1.1 (kubectl) and YAML 1.2 read differently, asking for quotes", () => {
    const file = path.join(dir, "ambiguous.yaml");
    fs.writeFileSync(
      file,
      "apiVersion: dittofs.dittofs.com/v1alpha1\nkind: DittoServer\nmetadata: {name: amb}\nspec:\n" +
        "  storage: {metadataSize: 1Gi}\n  nfsPort: 0777\n  identity: {jwt: {issuer: on}}\n" +
        "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {n: yes-really, k: off}\n",
    );
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include(
      'spec.nfsPort (line 6, column 12): "0777" reads as 777 in YAML 1.2 but as 511 for YAML 1.1 readers (kubectl)',
    );
    expect(r.stderr).to.include(
      'spec.identity.jwt.issuer (line 7, column 28): "on" reads as "on" in YAML 1.2 but as true',
    );
    // Quoted, both read the same.
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("0777", "777").replace(": on}", ': "on"}'),
    );
    const secret = fails(["render", "-f", file]).stderr;
    expect(secret).to.include(
      'stringData, a key (line 12, column 14): "n" reads as "n" in YAML 1.2 but as false',
    );
    expect(secret).to.include(
      "stringData.k (line 12, column 32): YAML 1.2 and YAML 1.1 readers (kubectl) read this value differently: quote it",
    );
  });

  it("takes base64 data with line breaks, as the API server does", () => {
    const secrets = refsSecrets("refs");
    const wrapped = Buffer.from(JWT)
      .toString("base64")
      .replace(/(.{8})/g, "$1\n");
    secrets[0] = { ...secret("cli-jwt", {}, "refs", { secret: wrapped }) };
    delete secrets[0].stringData;
    const a = ok(["render", "-f", write(server(REFS_SPEC, "refs"), ...secrets), "--hash-key", "k"]);
    const b = ok([
      "render",
      "-f",
      write(server(REFS_SPEC, "refs"), ...refsSecrets("refs")),
      "--hash-key",
      "k",
    ]);
    expect(a.stdout).to.equal(b.stdout);
  });
});

describe("dittofs render: GitOps loop (the previous output fed back)", () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-render-gitops-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("renders byte-identical output the second time; stderr names each generated Secret once, then none", () => {
    const first = ok(["render", "-f", EXAMPLE]);
    const generated = docsOf(first.stdout).filter(
      (d) =>
        d.kind === "Secret" && /-(jwt-secret|admin-bootstrap-credentials)$/.test(d.metadata.name),
    );
    expect(generated.map((d) => d.metadata.name)).to.deep.equal([
      "demo-jwt-secret",
      "demo-admin-bootstrap-credentials",
    ]);
    expect(first.stderr.split("\n").filter(Boolean)).to.deep.equal([
      'generated: Secret "dittofs/demo-jwt-secret" key "jwt-secret" (give this output back with -f to keep it)',
      'generated: Secret "dittofs/demo-admin-bootstrap-credentials" key "password" (give this output back with -f to keep it)',
    ]);
    // The whole output file, as committed: its Secrets are read, the other objects ignored.
    const committed = path.join(dir, "rendered.yaml");
    fs.writeFileSync(committed, first.stdout);
    const second = ok(["render", "-f", EXAMPLE, "-f", committed]);
    expect(second.stdout).to.equal(first.stdout);
    expect(second.stderr).to.equal("");
    // And again, from the second output.
    fs.writeFileSync(committed, second.stdout);
    expect(ok(["render", "-f", EXAMPLE, "-f", committed]).stdout).to.equal(first.stdout);
  });
});
