/**
 * Secret leaks (issue 6): recognisable secret values for the JWT, the admin (bcrypt hash and initial password),
 * PostgreSQL and S3, given through referenced Secrets and through `secretValues`, plus the generated ones. Scanned
 * for their plaintext and their base64 (at each of the three byte alignments, so a value inside a longer encoded
 * string is found too): every emitted object outside Secret data (render, `dittofs render`, component), every
 * component output, every warning (`pulumi.log.*` captured, render's warnings, the CLI's stderr) and every error
 * (triggered with bad secret contents). Expected hits: 0. Secret outputs and owned Secret data must be secret.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseAllDocuments, stringify } from "yaml";
import { run } from "../../src/cli/main";
import { DittoServer } from "../../src/ditto-server";
import type { PlainArgs } from "../../src/resolve/component-fields";
import { deploy } from "../helpers/component";
import { needles } from "../helpers/needles";
import { fakeRandom, putClusterSecret, secretPaths, valueOf } from "../helpers/mocks";
import { GENERATED, render } from "../helpers/render";
import { failedProgram } from "../helpers/mocked-program";
import { errorOf } from "../helpers/errors";
import { FEB, MINIMAL } from "../helpers/specs";
import type { Obj } from "../helpers/objects";
import { b64 } from "../helpers/base64";

const NS = "verif-leaks";
const V = {
  jwt: "LeakJwtQ7w8e9r0t1y2u3i4o5p6LeakJwt",
  adminHash: "$2a$10$LeakAdminHashQ7w8e9r0t1y2u3i4o5p6a7s8d9",
  initial: "LeakInitialPwQ7w8e9r0",
  pgPassword: "LeakPgPasswordQ7w8e9",
  s3Id: "LeakS3AccessKeyIdQ7w8",
  s3Secret: "LeakS3SecretAccessKeyQ7w8e9r0",
  s3Endpoint: "https://leak-s3-endpoint-q7w8.example.com",
};
const PG_URL = `postgres://leakuser:${V.pgPassword}@db.example:5432/ditto?sslmode=require`;
const PG_KV = `host=db.example user=leakuser password=${V.pgPassword} dbname=ditto`;

const ALL_VALUES = [...Object.values(V), PG_URL, PG_KV];

const stats = { objects: 0, outputs: 0, warnings: 0, errors: 0, needles: 0, hits: 0 };

/** Every needle of `values` found in `text`, labelled. */
function find(where: string, text: string, values: string[]): string[] {
  const hits: string[] = [];
  for (const value of values) {
    for (const needle of needles(value)) {
      stats.needles++;
      if (text.includes(needle)) hits.push(`${where}: ${value} (as ${needle})`);
    }
  }
  return hits;
}

/** `find`, counted as leaks. */
function scan(where: string, text: string, values: string[] = ALL_VALUES): string[] {
  const hits = find(where, text, values);
  stats.hits += hits.length;
  return hits;
}

/** An object without its Secret data (the only place secret values may be). */
function withoutSecretData(obj: Obj): Obj {
  if (obj.kind !== "Secret") return obj;
  const rest = { ...obj };
  delete rest.data;
  delete rest.stringData;
  return rest;
}

function scanObjects(where: string, objects: Obj[], values?: string[]): string[] {
  stats.objects += objects.length;
  return objects.flatMap((o) =>
    scan(
      `${where} ${o.kind}/${o.metadata?.name}`,
      `${JSON.stringify(withoutSecretData(o))}\n${stringify(withoutSecretData(o))}`,
      values,
    ),
  );
}

const REF_SPEC: PlainArgs = {
  namespace: NS,
  ...MINIMAL,
  smb: { enabled: true },
  metrics: { enabled: true },
  database: { type: "sqlite", postgresSecretRef: { name: "pg", key: "url" } },
  identity: {
    jwt: { secretRef: { name: "jwt", key: "secret" } },
    admin: {
      passwordSecretRef: { name: "admin", key: "hash" },
      initialPasswordSecretRef: { name: "admin", key: "initial" },
    },
  },
  s3: { credentialsSecretRef: { secretName: "s3" } },
  percona: { enabled: true, backup: { enabled: true, bucket: "b", endpoint: "https://e" } },
};
const REF_SECRETS = {
  jwt: { secret: V.jwt },
  admin: { hash: V.adminHash, initial: V.initial },
  pg: { url: PG_URL },
  s3: { accessKeyId: V.s3Id, secretAccessKey: V.s3Secret, endpoint: V.s3Endpoint },
};

const VALUE_SPEC: PlainArgs = {
  namespace: NS,
  ...MINIMAL,
  identity: { admin: { passwordSecretRef: { name: "admin", key: "hash" } } },
  percona: { enabled: true },
  secretValues: {
    jwtSecret: V.jwt,
    adminInitialPassword: V.initial,
    postgresConnection: PG_KV,
    s3: { accessKeyId: V.s3Id, secretAccessKey: V.s3Secret, endpoint: V.s3Endpoint },
  },
};

/** Bad secret contents, each carrying a recognisable value: referenced, then passed as a value. */
const BAD = {
  shortJwt: "LeakShortJwtQ7w8",
  shortInitial: "Leak7ch",
  longInitial: `LeakLongInitialQ7w8${"x".repeat(60)}`,
  badUrl: "postgres://leakuser:LeakBadUrlPassQ7w8@[broken/ditto",
  noHost: "user=leakuser password=LeakNoHostPassQ7w8 dbname=ditto",
  garbage: "LeakGarbageDsnQ7w8 is not a dsn",
};
const BAD_VALUES = [...Object.values(BAD), "LeakBadUrlPassQ7w8", "LeakNoHostPassQ7w8"];

const logged: string[] = [];
const originals = { ...pulumi.log };

/**
 * The Pulumi SDK's own debug traces of each resource RPC (`RegisterResource RPC finished: ... resp: ...`), which
 * print the request/response including secret-wrapped values, for any Pulumi program that has a Secret; shown only
 * with `pulumi up --debug`. Not the component's lines: counted, not scanned. Every other line (the SDK's other
 * debug lines, the component's warnings) is scanned.
 */
const SDK_RPC_TRACE =
  /^debug: (ReadResource|RegisterResource|RegisterResourceOutputs|getResource Invoke|Invoke|Call) RPC (prepared|finished)/;
let sdkTraces = 0;

describe("verification: secret leaks", function () {
  this.timeout(60_000);

  before(() => {
    // Captured and scanned, not printed.
    for (const level of ["debug", "info", "warn", "error"] as const) {
      (pulumi.log as any)[level] = async (msg: string) => {
        logged.push(`${level}: ${msg}`);
      };
    }
    for (const [name, data] of Object.entries(REF_SECRETS)) putClusterSecret(NS, name, data);
  });
  after(() => {
    Object.assign(pulumi.log, originals);
    console.log(
      `      [secret-leaks] scanned ${stats.objects} objects, ${stats.outputs} outputs, ${stats.warnings} ` +
        `warnings/log lines, ${stats.errors} errors for ${ALL_VALUES.length + BAD_VALUES.length} secret ` +
        `values (${stats.needles} needle checks): leaks found ${stats.hits} ` +
        `(${sdkTraces} Pulumi SDK debug RPC traces not scanned)`,
    );
  });

  it("the scanner finds a value where it is (positive control)", () => {
    const secret = {
      kind: "Secret",
      metadata: { name: "x" },
      data: { k: b64(`pre${V.jwt}`) },
    };
    expect(find("control", JSON.stringify(secret), [V.jwt]).length).to.be.greaterThan(0);
    expect(find("control", JSON.stringify(withoutSecretData(secret)), [V.jwt])).to.deep.equal([]);
  });

  describe("render path", () => {
    for (const [label, args, secrets] of [
      ["referenced Secrets", REF_SPEC, REF_SECRETS],
      ["secretValues", VALUE_SPEC, { admin: { hash: V.adminHash } }],
    ] as const) {
      it(`keeps ${label} out of every object (outside Secret data) and every warning`, () => {
        const result = render("leaky", args, secrets);
        expect(result.warnings.length).to.be.greaterThan(0);
        stats.warnings += result.warnings.length;
        expect([
          ...scanObjects(label, result.objects as Obj[]),
          ...scan(`${label} warnings`, result.warnings.join("\n")),
        ]).to.deep.equal([]);
        // The values are in the owned/read Secrets' data where they belong (base64).
        const data = JSON.stringify((result.objects as Obj[]).filter((o) => o.kind === "Secret"));
        if (label === "secretValues") expect(data).to.include(b64(V.jwt));
      });
    }

    it("keeps generated values out of every object (outside Secret data)", () => {
      const result = render("generated", MINIMAL);
      const generated = Object.values(GENERATED);
      expect(scanObjects("generated", result.objects as Obj[], generated)).to.deep.equal([]);
    });

    it("`dittofs render`: stdout outside Secret data and stderr (warnings) are clean", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-leaks-"));
      try {
        const spec: Obj = { ...REF_SPEC };
        delete spec.namespace;
        const docs = [
          {
            apiVersion: "dittofs.dittofs.com/v1alpha1",
            kind: "DittoServer",
            metadata: { name: "leaky", namespace: NS },
            spec,
          },
          ...Object.entries(REF_SECRETS).map(([name, stringData]) => ({
            apiVersion: "v1",
            kind: "Secret",
            metadata: { name, namespace: NS },
            stringData,
          })),
        ];
        const file = path.join(dir, "in.yaml");
        fs.writeFileSync(file, docs.map((d) => `---\n${stringify(d)}`).join(""));
        const result = run(["render", "-f", file, "--operator-release", FEB], {});
        expect(result.code, result.stderr).to.equal(0);
        stats.warnings += result.stderr.split("\n").filter(Boolean).length;
        const objects = parseAllDocuments(result.stdout).map((d) => d.toJS() as Obj);
        expect([
          ...scanObjects("cli", objects),
          ...scan("cli stderr", result.stderr),
        ]).to.deep.equal([]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("component path (Pulumi mocks)", () => {
    async function scanDeployment(name: string, args: PlainArgs, values: string[] = ALL_VALUES) {
      const from = logged.length;
      const d = await deploy(name, args as any);
      const hits: string[] = [];
      // Objects: every registered child's inputs (outside owned Secrets' data), whose data must be secret.
      const children = d.children.filter((c) => c.type.startsWith("kubernetes:"));
      for (const c of children.filter((x) => x.type === "kubernetes:core/v1:Secret" && !x.read))
        expect(secretPaths(c.rawInputs), c.name).to.include("data");
      hits.push(
        ...scanObjects(
          name,
          children.map((c) => ({ ...c.inputs, kind: c.inputs.kind ?? c.type })),
          values,
        ),
      );
      // Outputs: every Output property of the component.
      const server = d.server as unknown as Record<string, unknown>;
      for (const [key, output] of Object.entries(server)) {
        if (!pulumi.Output.isInstance(output)) continue;
        stats.outputs++;
        hits.push(...scan(`${name} output ${key}`, JSON.stringify(await valueOf(output)), values));
      }
      expect(await pulumi.isSecret(d.server.adminPassword)).to.equal(true);
      // Log lines written while the component was built (the SDK's RPC traces aside, see SDK_RPC_TRACE).
      const all = logged.slice(from);
      const lines = all.filter((l) => !SDK_RPC_TRACE.test(l));
      sdkTraces += all.length - lines.length;
      stats.warnings += lines.length;
      hits.push(...scan(`${name} log`, lines.join("\n"), values));
      return { hits, lines };
    }

    it("referenced Secrets: objects, outputs and warnings are clean", async () => {
      const { hits, lines } = await scanDeployment("vleak-refs", REF_SPEC);
      expect(lines.length, "warnings were captured").to.be.greaterThan(0);
      expect(hits).to.deep.equal([]);
    });

    it("secretValues (plain and as secret Outputs): objects, outputs and warnings are clean", async () => {
      const { hits } = await scanDeployment("vleak-values", VALUE_SPEC);
      expect(hits).to.deep.equal([]);
      const lifted = {
        ...VALUE_SPEC,
        secretValues: {
          jwtSecret: pulumi.secret(V.jwt),
          adminInitialPassword: pulumi.output(Promise.resolve(V.initial)),
          postgresConnection: pulumi.secret(PG_KV),
          s3: {
            accessKeyId: pulumi.secret(V.s3Id),
            secretAccessKey: V.s3Secret,
            endpoint: V.s3Endpoint,
          },
        },
      };
      expect((await scanDeployment("vleak-lifted", lifted as any)).hits).to.deep.equal([]);
    });

    it("generated values stay in owned Secret data and the secret adminPassword output", async () => {
      const name = "vleak-generated";
      const generated = [fakeRandom(`${name}-jwt`, 32), fakeRandom(`${name}-admin-password`, 24)];
      const d = await deploy(name, MINIMAL);
      expect(await valueOf(d.server.adminPassword)).to.equal(generated[1]);
      expect(await pulumi.isSecret(d.server.adminPassword)).to.equal(true);
      const children = d.children.filter((c) => c.type.startsWith("kubernetes:"));
      expect(
        scanObjects(
          name,
          children.map((c) => c.inputs),
          generated,
        ),
      ).to.deep.equal([]);
      const server = d.server as unknown as Record<string, unknown>;
      for (const [key, output] of Object.entries(server)) {
        if (!pulumi.Output.isInstance(output) || key === "adminPassword") continue;
        stats.outputs++;
        expect(
          scan(`${name} ${key}`, JSON.stringify(await valueOf(output)), generated),
        ).to.deep.equal([]);
      }
    });
  });

  describe("errors on bad secret contents never carry the value", () => {
    const ref = (key: string): PlainArgs => {
      const base = { operatorRelease: FEB, namespace: NS, ...MINIMAL };
      switch (key) {
        case "shortJwt":
          return { ...base, identity: { jwt: { secretRef: { name: "bad", key } } } };
        case "shortInitial":
        case "longInitial":
          return {
            ...base,
            identity: { admin: { initialPasswordSecretRef: { name: "bad", key } } },
          };
        default:
          return { ...base, database: { postgresSecretRef: { name: "bad", key } } };
      }
    };
    const value = (key: string, v: string): PlainArgs => {
      const base = { operatorRelease: FEB, namespace: NS, ...MINIMAL };
      if (key === "shortJwt") return { ...base, secretValues: { jwtSecret: v } };
      if (key.endsWith("Initial")) return { ...base, secretValues: { adminInitialPassword: v } };
      return { ...base, secretValues: { postgresConnection: v } };
    };
    let n = 0;

    for (const [key, bad] of Object.entries(BAD)) {
      it(`${key}: render, \`dittofs render\` and the component name the Secret, never the value`, async () => {
        const secrets = { bad: { [key]: bad } };
        putClusterSecret(NS, "bad", { [key]: bad });
        for (const args of [ref(key), value(key, bad)]) {
          let message = "";
          try {
            render("leakerr", args, secrets);
          } catch (e) {
            message = (e as Error).message;
          }
          expect(message, "render must fail").to.match(/Secret|secretValues/);
          stats.errors++;
          expect(scan(`${key} render error`, message, BAD_VALUES)).to.deep.equal([]);

          const name = `vleak-err-${++n}`;
          const from = logged.length;
          const server = new DittoServer(name, args as any);
          const error = await errorOf(server.configHash);
          expect(error, "component must fail").to.not.equal(undefined);
          failedProgram(name);
          stats.errors++;
          expect(scan(`${key} component error`, error!.message, BAD_VALUES)).to.deep.equal([]);
          const lines = logged.slice(from).filter((l) => !SDK_RPC_TRACE.test(l));
          stats.warnings += lines.length;
          expect(scan(`${key} component log`, lines.join("\n"), BAD_VALUES)).to.deep.equal([]);
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-leaks-"));
        try {
          const file = path.join(dir, "bad.yaml");
          const spec: Obj = ref(key);
          delete spec.namespace;
          fs.writeFileSync(
            file,
            [
              { apiVersion: "dittofs.dittofs.com/v1alpha1", kind: "DittoServer", spec },
              { apiVersion: "v1", kind: "Secret", stringData: secrets.bad },
            ]
              .map((d, i) => ({
                ...d,
                metadata: { name: i === 0 ? "leakerr" : "bad", namespace: NS },
              }))
              .map((d) => `---\n${stringify(d)}`)
              .join(""),
          );
          const result = run(["render", "-f", file, "--operator-release", FEB], {});
          expect(result.code).to.equal(1);
          stats.errors++;
          expect(scan(`${key} cli stderr`, result.stderr, BAD_VALUES)).to.deep.equal([]);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it("spec errors and secretValues/ref conflicts do not echo secret values", () => {
      const cases: PlainArgs[] = [
        { ...VALUE_SPEC, nfsPort: 0 },
        { ...VALUE_SPEC, identity: { jwt: { secretRef: { name: "jwt", key: "secret" } } } },
        { ...VALUE_SPEC, database: { postgresSecretRef: { name: "pg", key: "url" } } },
      ];
      for (const args of cases) {
        for (const attempt of [
          () => render("leakspec", args),
          () => new DittoServer("vleak-spec", args as any),
        ]) {
          let message = "";
          try {
            attempt();
          } catch (e) {
            message = (e as Error).message;
          }
          expect(message).to.match(/is invalid/);
          stats.errors++;
          expect(scan("spec error", message)).to.deep.equal([]);
        }
      }
    });
  });
});
