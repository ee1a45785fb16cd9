/**
 * `dittofs render` through `run()` (src/cli/main.ts): inputs are temp files, output is checked as text and as YAML.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { run } from "../../src/cli/main";
import { b64, fromB64 } from "../helpers/base64";
import {
  docsOf,
  EXAMPLE,
  fails,
  INITIAL,
  inputFiles,
  JWT,
  normalise,
  ok,
  PG,
  PG_PASSWORD,
  refsSecrets,
  REFS_SPEC,
  S3,
  secretDoc,
  server,
} from "../helpers/cli";
import type { Obj } from "../helpers/objects";
import { MINIMAL } from "../helpers/specs";

const KIND_ORDER = ["Secret", "ConfigMap", "Service", "PerconaPGCluster", "StatefulSet"];

describe("dittofs render (run)", () => {
  const files = inputFiles("dittofs-render-cli-");

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
    const file = files.docs(
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
    const file = files.docs(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    const a = ok(["render", "-f", file, "--hash-key", "k"]).stdout;
    expect(ok(["render", "-f", file, "--hash-key", "k"]).stdout).to.equal(a);
  });

  it("uses DITTOFS_HASH_KEY when --hash-key is absent", () => {
    const file = files.docs(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    const flag = ok(["render", "-f", file, "--hash-key", "env-key"]).stdout;
    expect(ok(["render", "-f", file], { DITTOFS_HASH_KEY: "env-key" }).stdout).to.equal(flag);
    expect(ok(["render", "-f", file], { DITTOFS_HASH_KEY: "other-key" }).stdout).to.not.equal(flag);
  });

  it("prefers --hash-key over DITTOFS_HASH_KEY", () => {
    const file = files.docs(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    const flag = ok(["render", "-f", file, "--hash-key", "flag-key"]).stdout;
    expect(
      ok(["render", "-f", file, "--hash-key", "flag-key"], { DITTOFS_HASH_KEY: "x" }).stdout,
    ).to.equal(flag);
  });

  it("uses the documented fixed key dittofs-render when no key is given", () => {
    const file = files.docs(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    const fixed = ok(["render", "-f", file, "--hash-key", "dittofs-render"]).stdout;
    expect(ok(["render", "-f", file]).stdout).to.equal(fixed);
  });

  it("fails a bad spec with code 1, empty stdout and the field path on stderr", () => {
    const file = files.docs(
      server({ replicas: 3, storage: { metadataSize: "1Gi", cacheSize: "1Gi" } }),
    );
    const r = fails(["render", "-f", file]);
    expect(r.stderr.split("\n").some((l) => /^\s*spec\.replicas: /.test(l))).to.equal(true);
  });

  it("rejects the component-only fields inside a CR's spec as unknown fields", () => {
    const file = files.docs(
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
    const file = files.docs(
      server(REFS_SPEC, "refs"),
      ...refsSecrets("refs").filter((s) => s.metadata.name !== "cli-pg"),
    );
    expect(fails(["render", "-f", file]).stderr).to.include("refs/cli-pg");
  });

  it("fails when the example's S3 Secret is left out, naming it", () => {
    const cr = docsOf(fs.readFileSync(EXAMPLE, "utf8")).find((d) => d.kind === "DittoServer")!;
    expect(fails(["render", "-f", files.docs(cr)]).stderr).to.include("dittofs/demo-s3");
  });

  it("fails when a referenced key is missing, naming the key", () => {
    const secrets = refsSecrets("refs");
    secrets[1] = secretDoc("cli-admin", { other: INITIAL }, "refs");
    const r = fails(["render", "-f", files.docs(server(REFS_SPEC, "refs"), ...secrets)]);
    expect(r.stderr).to.include("refs/cli-admin").and.include('"initial"');
    expect(r.stderr).to.not.include(INITIAL);
  });

  it("applies --namespace to a CR without metadata.namespace and to its objects", () => {
    const file = files.docs(server(REFS_SPEC), ...refsSecrets());
    const docs = docsOf(ok(["render", "-f", file, "--namespace", "team-x"]).stdout);
    expect(new Set(docs.map((d) => d.metadata.namespace))).to.deep.equal(new Set(["team-x"]));
  });

  it("puts a CR without metadata.namespace in default when --namespace is absent", () => {
    const file = files.docs(server(REFS_SPEC), ...refsSecrets());
    const docs = docsOf(ok(["render", "-f", file]).stdout);
    expect(new Set(docs.map((d) => d.metadata.namespace))).to.deep.equal(new Set(["default"]));
  });

  it("keeps a CR's own metadata.namespace over --namespace", () => {
    const file = files.docs(server(REFS_SPEC, "own"), ...refsSecrets("own"));
    const docs = docsOf(ok(["render", "-f", file, "--namespace", "team-x"]).stdout);
    expect(new Set(docs.map((d) => d.metadata.namespace))).to.deep.equal(new Set(["own"]));
  });

  it("looks up Secrets only in the CR's namespace", () => {
    const file = files.docs(server(REFS_SPEC, "ns-a"), ...refsSecrets("ns-b"));
    expect(fails(["render", "-f", file]).stderr).to.include("ns-a/cli-jwt");
  });

  it("uses stringData over data for the same key", () => {
    const short = b64("too-short");
    const secrets = refsSecrets("refs");
    secrets[0] = secretDoc("cli-jwt", { secret: JWT }, "refs", { secret: short });
    const merged = ok(["render", "-f", files.docs(server(REFS_SPEC, "refs"), ...secrets)]).stdout;
    expect(merged).to.equal(
      ok(["render", "-f", files.docs(server(REFS_SPEC, "refs"), ...refsSecrets("refs"))]).stdout,
    );
  });

  it("ignores other Kubernetes objects (what render itself emits, and any other)", () => {
    const file = files.docs(
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: {} },
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "y" }, spec: {} },
      { apiVersion: "pgv2.percona.com/v2", kind: "PerconaPGCluster", metadata: { name: "z" } },
    );
    const alone = files.docs(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
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
      files.docs(server(REFS_SPEC, "refs"), ...refsSecrets("refs")),
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
  const files = inputFiles("dittofs-render-inputs-");

  it("hints, when a Secret is not found, that render reads Secrets only from its -f files", () => {
    const file = files.docs(server(REFS_SPEC, "refs"), ...refsSecrets("elsewhere"));
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include('Secret "refs/cli-jwt" not found');
    expect(r.stderr).to.include(
      `hint: render reads Secrets only from its -f files, in the DittoServer's namespace ("refs"): give the Secret's manifest with -f`,
    );
  });
});

describe("dittofs render: GitOps loop (the previous output fed back)", () => {
  const files = inputFiles("dittofs-render-gitops-");

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
    const committed = path.join(files.dir, "rendered.yaml");
    fs.writeFileSync(committed, first.stdout);
    const second = ok(["render", "-f", EXAMPLE, "-f", committed]);
    expect(second.stdout).to.equal(first.stdout);
    expect(second.stderr).to.equal("");
    // And again, from the second output.
    fs.writeFileSync(committed, second.stdout);
    expect(ok(["render", "-f", EXAMPLE, "-f", committed]).stdout).to.equal(first.stdout);
  });
});
