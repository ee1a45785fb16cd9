/**
 * `dittofs render` run in-process (`run()` of src/cli/main.ts) over input documents written to temporary files, and
 * the inputs the CLI suites share.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments, stringify } from "yaml";
import { run, type CliResult } from "../../src/cli/main";
import { OPERATOR_RELEASE_ANNOTATION } from "../../src/cli/read-inputs";
import { CONFIG_HASH_ANNOTATION } from "../../src/hash";
import type { Obj } from "./objects";
import { FEB } from "./specs";

/** The Feb model's example (its CR names the release in the dittofs.io/operator-release annotation). */
export const EXAMPLE = path.resolve(__dirname, "../fixtures/feb2026/example.yaml");

/** Documents as one multi-document YAML text, as render reads and prints them. */
export const yamlText = (docs: Obj[]): string => docs.map((d) => `---\n${stringify(d)}`).join("");

/** The documents of a YAML text (render's stdout); a YAML error fails the test. */
export const docsOf = (text: string): Obj[] =>
  parseAllDocuments(text).map((d) => {
    expect(d.errors, "YAML errors").to.deep.equal([]);
    return d.toJS() as Obj;
  });

/** A temporary folder for input files, made before the enclosing `describe`'s tests and removed after them. */
export function inputFiles(prefix: string): {
  readonly dir: string;
  text(name: string, text: string | Buffer): string;
  docs(...docs: Obj[]): string;
} {
  let dir = "";
  let counter = 0;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    /** A file `name` holding `text`; its path. */
    text(name: string, text: string | Buffer): string {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    },
    /** A new file holding the documents; its path. */
    docs(...docs: Obj[]): string {
      return this.text(`input-${++counter}.yaml`, yamlText(docs));
    },
  };
}

/** Renders the documents from one temporary file (removed afterwards); `args` follow `-f <file>`. */
export function renderDocs(docs: Obj[], ...args: string[]): CliResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-render-docs-"));
  try {
    const file = path.join(dir, "input.yaml");
    fs.writeFileSync(file, yamlText(docs));
    return run(["render", "-f", file, ...args], {});
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `run()` that succeeds (code 0; stderr shown otherwise). */
export function ok(argv: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = run(argv, env);
  expect(r.code, r.stderr).to.equal(0);
  return r;
}

/** `run()` that fails: code 1 and nothing on stdout. */
export function fails(argv: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = run(argv, env);
  expect(r.code).to.equal(1);
  expect(r.stdout).to.equal("");
  return r;
}

/** A DittoServer CR; `release` goes into its operator-release annotation (none: the default model). */
export function dittoServer(name: string, spec: Obj, namespace?: string, release?: string): Obj {
  return {
    apiVersion: "dittofs.dittofs.com/v1alpha1",
    kind: "DittoServer",
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      ...(release ? { annotations: { [OPERATOR_RELEASE_ANNOTATION]: release } } : {}),
    },
    spec,
  };
}

/** A Secret input: `stringData`, and `data` (base64) when given. */
export function secretDoc(name: string, stringData: Obj, namespace?: string, data?: Obj): Obj {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: namespace ? { name, namespace } : { name },
    ...(data ? { data } : {}),
    stringData,
  };
}

/** A CR named `cli` of the Feb model (the dittofs render suites were written for it). */
export const server = (spec: Obj, namespace?: string, name = "cli"): Obj =>
  dittoServer(name, spec, namespace, FEB);

/** The secret values of REFS_SPEC's Secrets. */
export const JWT = "cli-jwt-secret-value-long-enough-0123456";
export const INITIAL = "cli-initial-pass-42";
export const PG_PASSWORD = "pg-pass-word-9876";
export const PG = `postgres://dittofs:${PG_PASSWORD}@pg.db:5432/dittofs?sslmode=require`;
export const S3 = {
  accessKeyId: "AKIACLIEXAMPLE",
  secretAccessKey: "cli-s3-secret-example",
  endpoint: "https://s3.cli.example",
};

/** Nothing generated: JWT and initial password referenced, plus Postgres and S3. */
export const REFS_SPEC: Obj = {
  storage: { metadataSize: "1Gi", cacheSize: "1Gi" },
  identity: {
    jwt: { secretRef: { name: "cli-jwt", key: "secret" } },
    admin: { initialPasswordSecretRef: { name: "cli-admin", key: "initial" } },
  },
  database: { type: "postgres", postgresSecretRef: { name: "cli-pg", key: "url" } },
  s3: { credentialsSecretRef: { secretName: "cli-s3" }, bucket: "b" },
};

/** REFS_SPEC's Secrets, in `ns`. */
export const refsSecrets = (ns?: string): Obj[] => [
  secretDoc("cli-jwt", { secret: JWT }, ns),
  secretDoc("cli-admin", { initial: INITIAL }, ns),
  secretDoc("cli-pg", { url: PG }, ns),
  secretDoc("cli-s3", S3, ns),
];

/** Replaces generated values (and the digest, which covers them) by placeholders, in the output text. */
export function normalise(stdout: string): string {
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
