/**
 * Secret leaks of the v0.29 model: recognisable values for every secret a v0.29 pod reads — the JWT, the initial
 * admin password, the LDAP bind password, the Kerberos keytab, krb5.conf, machine-account password and keytab, the
 * metrics bearer token, the PostgreSQL Secret's fixed keys (and a connection passed in `secretValues`), the TLS
 * certificate, key and client CA — given through referenced Secrets and through `secretValues`, plus the generated
 * ones. Scanned for their plaintext and their base64 (tests/helpers/needles.ts): every emitted object outside Secret
 * data (render, `dittofs render`, component), every component output, every warning and log line, and every error
 * (bad secret contents, missing keys of Secrets that hold other secrets, spec errors beside secret values). Expected
 * hits: 0. Owned Secret data and the admin password output must be secret.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseAllDocuments, stringify } from "yaml";
import { run } from "../../../src/cli/main";
import { DittoServer } from "../../../src/ditto-server";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import { deploy } from "../../helpers/component";
import { needles } from "../../helpers/needles";
import { fakeRandom, putClusterSecret, secretPaths, valueOf } from "../../helpers/mocks";
import { GENERATED, renderV029 as render } from "../../helpers/render";
import { failedProgram } from "../../helpers/mocked-program";
import { errorOf } from "../../helpers/errors";
import type { Obj } from "../../helpers/objects";
import { MINIMAL } from "../../helpers/specs";
import { b64 } from "../../helpers/base64";

const RELEASE = "v0.29";
const NS = "verif-leaks-v029";
const V = {
  jwt: "LeakV29JwtQ7w8e9r0t1y2u3i4o5p6LeakJwt",
  admin: "LeakV29AdminPwQ7w8e9r0",
  ldap: "LeakV29LdapBindQ7w8e9r0",
  keytab: "LeakV29KeytabQ7w8e9r0t1",
  krb5: "[libdefaults]\n  default_realm = LEAKV29KRB5Q7W8E9\n",
  machinePassword: "LeakV29MachinePwQ7w8e9",
  machineKeytab: "LeakV29MachineKeytabQ7w8",
  token: "LeakV29MetricsTokenQ7w8e9",
  pgPassword: "LeakV29PgPasswordQ7w8e9",
  pgUser: "leakv29pguserq7w8",
  tlsCert: "-----BEGIN CERTIFICATE-----\nLeakV29TlsCertQ7w8e9r0\n-----END CERTIFICATE-----\n",
  tlsKey: "-----BEGIN PRIVATE KEY-----\nLeakV29TlsKeyQ7w8e9r0\n-----END PRIVATE KEY-----\n",
  clientCa: "-----BEGIN CERTIFICATE-----\nLeakV29ClientCaQ7w8e9\n-----END CERTIFICATE-----\n",
};
const PG_URL = `postgres://${V.pgUser}:${V.pgPassword}@db.example:5432/ditto?sslmode=require`;
const PG_KV = `host=db.example user=${V.pgUser} password=${V.pgPassword} dbname=ditto`;
const ALL_VALUES = [...Object.values(V), PG_URL, PG_KV];

const stats = { objects: 0, outputs: 0, warnings: 0, errors: 0, needles: 0, hits: 0 };

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

function scan(where: string, text: string, values: string[] = ALL_VALUES): string[] {
  const hits = find(where, text, values);
  stats.hits += hits.length;
  return hits;
}

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

const TLS_ON = { tls: false, certSecretName: "api-tls", clientCASecretName: "client-ca" };
const IDENTITY = {
  ldap: {
    enabled: true,
    url: "ldaps://dc.example.com:636",
    baseDN: "dc=example,dc=com",
    bindDN: "cn=svc,dc=example,dc=com",
    bindPasswordSecretRef: { name: "ldap", key: "password" },
  },
  kerberos: {
    enabled: true,
    servicePrincipal: "nfs/ditto.example.com@EXAMPLE.COM",
    keytabSecretRef: { name: "kerberos", key: "keytab" },
    krb5ConfSecretRef: { name: "kerberos", key: "krb5.conf" },
    machineAccount: {
      enabled: true,
      accountName: "DITTOFS$",
      secretRef: { name: "machine", key: "password" },
      keytabSecretRef: { name: "machine", key: "keytab" },
    },
  },
};
const METRICS = {
  enabled: true,
  bearerTokenSecret: { name: "metrics", key: "token" },
  serviceMonitor: { enabled: true },
};

/** Every secret referenced; warnings on purpose (V2, the PostgreSQL ref's unused key, snapshot policies). */
const REF_SPEC: PlainArgs = {
  operatorRelease: RELEASE,
  namespace: NS,
  ...MINIMAL,
  controlPlane: TLS_ON,
  metrics: METRICS,
  database: { type: "postgres", postgresSecretRef: { name: "pg", key: "connection-string" } },
  identity: {
    jwt: { secretRef: { name: "jwt", key: "secret" } },
    admin: { passwordSecretRef: { name: "admin", key: "password" } },
    ...IDENTITY,
  },
  snapshotPolicies: [{ share: "/export", interval: "1h" }],
};
const REF_SECRETS = {
  jwt: { secret: V.jwt },
  admin: { password: V.admin },
  ldap: { password: V.ldap },
  kerberos: { keytab: V.keytab, "krb5.conf": V.krb5 },
  machine: { password: V.machinePassword, keytab: V.machineKeytab },
  metrics: { token: V.token },
  pg: {
    host: "db.example",
    database: "ditto",
    user: V.pgUser,
    password: V.pgPassword,
    "connection-string": PG_URL,
  },
  "api-tls": { "tls.crt": V.tlsCert, "tls.key": V.tlsKey },
  "client-ca": { "ca.crt": V.clientCa },
};

/** Owned values passed in `secretValues`; the rest referenced. */
const VALUE_SPEC: PlainArgs = {
  ...REF_SPEC,
  database: { type: "postgres" },
  identity: IDENTITY,
  percona: { enabled: false },
  secretValues: { jwtSecret: V.jwt, adminInitialPassword: V.admin, postgresConnection: PG_KV },
};

/** `dittofs render` of a DittoServer `spec` (its args, minus the component-only fields) and the given Secrets. */
function cliRender(name: string, args: PlainArgs, secrets: Record<string, Record<string, string>>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-leaks-v029-"));
  try {
    const spec: Obj = { ...args };
    const namespace = (spec.namespace as string) ?? "default";
    delete spec.namespace;
    delete spec.operatorRelease;
    const docs = [
      {
        apiVersion: "dittofs.dittofs.com/v1alpha1",
        kind: "DittoServer",
        metadata: { name, namespace },
        spec,
      },
      ...Object.entries(secrets).map(([secret, stringData]) => ({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: secret, namespace },
        stringData,
      })),
    ];
    const file = path.join(dir, "in.yaml");
    fs.writeFileSync(file, docs.map((d) => `---\n${stringify(d)}`).join(""));
    return run(["render", "-f", file, "--operator-release", RELEASE], {});
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const logged: string[] = [];
const originals = { ...pulumi.log };
/** The Pulumi SDK's own debug traces of resource RPCs (shown only with --debug): counted, not scanned. */
const SDK_RPC_TRACE =
  /^debug: (ReadResource|RegisterResource|RegisterResourceOutputs|getResource Invoke|Invoke|Call) RPC (prepared|finished)/;
let sdkTraces = 0;

describe("verification (v0.29): secret leaks", function () {
  this.timeout(60_000);

  before(() => {
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
      `      [v0.29 secret-leaks] scanned ${stats.objects} objects, ${stats.outputs} outputs, ${stats.warnings} ` +
        `warnings/log lines, ${stats.errors} errors for ${ALL_VALUES.length} secret values ` +
        `(${stats.needles} needle checks): leaks found ${stats.hits} ` +
        `(${sdkTraces} Pulumi SDK debug RPC traces not scanned)`,
    );
  });

  it("the scanner finds each value where it is (positive control)", () => {
    const secret = {
      kind: "Secret",
      metadata: { name: "x" },
      data: Object.fromEntries(ALL_VALUES.map((v, i) => [`k${i}`, b64(v)])),
    };
    for (const v of ALL_VALUES)
      expect(find("control", JSON.stringify(secret), [v]).length, v).to.be.greaterThan(0);
    expect(find("control", JSON.stringify(withoutSecretData(secret)), ALL_VALUES)).to.deep.equal(
      [],
    );
  });

  describe("render path", () => {
    for (const [label, args] of [
      ["referenced Secrets", REF_SPEC],
      ["secretValues", VALUE_SPEC],
    ] as const) {
      it(`keeps ${label} out of every object (outside Secret data) and every warning`, () => {
        const result = render("leaky", args, REF_SECRETS);
        expect(result.warnings.length).to.be.greaterThan(0);
        stats.warnings += result.warnings.length;
        expect([
          ...scanObjects(label, result.objects as Obj[]),
          ...scan(`${label} warnings`, result.warnings.join("\n")),
        ]).to.deep.equal([]);
        if (label === "secretValues") {
          const data = JSON.stringify((result.objects as Obj[]).filter((o) => o.kind === "Secret"));
          expect(data).to.include(b64(V.pgPassword));
        }
      });
    }

    it("keeps generated values out of every object (outside Secret data)", () => {
      const result = render("generated", MINIMAL, {}, GENERATED);
      expect(
        scanObjects("generated", result.objects as Obj[], Object.values(GENERATED)),
      ).to.deep.equal([]);
    });

    it("`dittofs render`: stdout outside Secret data and stderr (warnings) are clean", () => {
      const result = cliRender("leaky", REF_SPEC, REF_SECRETS);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stderr).to.match(/warning: /);
      stats.warnings += result.stderr.split("\n").filter(Boolean).length;
      const objects = parseAllDocuments(result.stdout).map((d) => d.toJS() as Obj);
      expect([...scanObjects("cli", objects), ...scan("cli stderr", result.stderr)]).to.deep.equal(
        [],
      );
    });
  });

  describe("component path (Pulumi mocks)", () => {
    async function scanDeployment(name: string, args: PlainArgs, values: string[] = ALL_VALUES) {
      const from = logged.length;
      const d = await deploy(name, args as any);
      const hits: string[] = [];
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
      const server = d.server as unknown as Record<string, unknown>;
      for (const [key, output] of Object.entries(server)) {
        if (!pulumi.Output.isInstance(output)) continue;
        stats.outputs++;
        hits.push(...scan(`${name} output ${key}`, JSON.stringify(await valueOf(output)), values));
      }
      expect(await pulumi.isSecret(d.server.adminPassword)).to.equal(true);
      const all = logged.slice(from);
      const lines = all.filter((l) => !SDK_RPC_TRACE.test(l));
      sdkTraces += all.length - lines.length;
      stats.warnings += lines.length;
      hits.push(...scan(`${name} log`, lines.join("\n"), values));
      return { hits, lines };
    }

    it("referenced Secrets: objects, outputs and warnings are clean", async () => {
      const { hits, lines } = await scanDeployment("vleak29-refs", REF_SPEC);
      expect(lines.length, "warnings were captured").to.be.greaterThan(0);
      expect(hits).to.deep.equal([]);
    });

    it("secretValues (plain and as secret Outputs): objects, outputs and warnings are clean", async () => {
      expect((await scanDeployment("vleak29-values", VALUE_SPEC)).hits).to.deep.equal([]);
      const lifted = {
        ...VALUE_SPEC,
        secretValues: {
          jwtSecret: pulumi.secret(V.jwt),
          adminInitialPassword: pulumi.output(Promise.resolve(V.admin)),
          postgresConnection: pulumi.secret(PG_KV),
        },
      };
      expect((await scanDeployment("vleak29-lifted", lifted as any)).hits).to.deep.equal([]);
    });

    it("generated values stay in owned Secret data and the secret adminPassword output", async () => {
      const name = "vleak29-generated";
      const generated = [fakeRandom(`${name}-jwt`, 43), fakeRandom(`${name}-admin-password`, 24)];
      const d = await deploy(name, {
        operatorRelease: RELEASE,
        ...MINIMAL,
      } as any);
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

  describe("errors never carry a secret value", () => {
    const base = { operatorRelease: RELEASE, namespace: NS, ...MINIMAL };
    /** Bad contents, each a recognisable value: [label, args, the bad Secret's data]. */
    const BAD: Array<[string, PlainArgs, Record<string, string>]> = [
      [
        "a JWT secret under 32 characters",
        { ...base, identity: { jwt: { secretRef: { name: "bad", key: "jwt" } } } },
        { jwt: "LeakV29ShortJwtQ7w8" },
      ],
      [
        "an initial password under 8 characters",
        { ...base, identity: { admin: { passwordSecretRef: { name: "bad", key: "pw" } } } },
        { pw: "Lk7ch" },
      ],
      [
        "an initial password over 72 characters",
        { ...base, identity: { admin: { passwordSecretRef: { name: "bad", key: "pw" } } } },
        { pw: `LeakV29LongAdminQ7w8${"x".repeat(60)}` },
      ],
      [
        "a TLS Secret without its key (its certificate beside)",
        { ...base, controlPlane: { tls: true, certSecretName: "bad" } },
        { "tls.crt": V.tlsCert },
      ],
      [
        "a PostgreSQL Secret without its password (its user and connection beside)",
        { ...base, database: { postgresSecretRef: { name: "bad", key: "host" } } },
        { host: "db", database: "d", user: V.pgUser, "connection-string": PG_URL },
      ],
      [
        "a Kerberos Secret without the keytab's key (krb5.conf beside)",
        { ...base, identity: IDENTITY },
        { "krb5.conf": V.krb5 },
      ],
    ];
    const badValues = (data: Record<string, string>) => [
      ...Object.values(data).filter((v) => v.length >= 12),
      ...ALL_VALUES,
    ];
    let n = 0;

    for (const [label, args, data] of BAD) {
      it(`${label}: render, \`dittofs render\` and the component name the Secret, never a value`, async () => {
        // The Kerberos case names its Secrets `kerberos` and `machine`: the bad one replaces `kerberos`.
        const badName = label.startsWith("a Kerberos") ? "kerberos" : "bad";
        const secrets = { ...REF_SECRETS, [badName]: data };
        const values = badValues(data);
        let message = "";
        try {
          render("leakerr", args, secrets);
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message, "render must fail").to.match(/Secret/);
        stats.errors++;
        expect(scan(`${label} render error`, message, values)).to.deep.equal([]);
        const cli = cliRender("leakerr", args, secrets);
        expect(cli.code).to.equal(1);
        stats.errors++;
        expect(scan(`${label} cli stderr`, cli.stderr, values)).to.deep.equal([]);

        const ns = `${NS}-err-${++n}`;
        for (const [name, d] of Object.entries(secrets)) putClusterSecret(ns, name, d);
        const name = `vleak29-err-${n}`;
        const from = logged.length;
        const server = new DittoServer(name, { ...args, namespace: ns } as any);
        const error = await errorOf(server.configHash);
        expect(error, "component must fail").to.not.equal(undefined);
        failedProgram(name);
        stats.errors++;
        expect(scan(`${label} component error`, error!.message, values)).to.deep.equal([]);
        const lines = logged.slice(from).filter((l) => !SDK_RPC_TRACE.test(l));
        stats.warnings += lines.length;
        expect(scan(`${label} component log`, lines.join("\n"), values)).to.deep.equal([]);
      });
    }

    it("a connection string passed in secretValues that does not parse", () => {
      for (const bad of [
        `postgres://${V.pgUser}:${V.pgPassword}@[broken/ditto`,
        `user=${V.pgUser} password='${V.pgPassword}`,
      ]) {
        let message = "";
        try {
          render("leakpg", { ...base, secretValues: { postgresConnection: bad } });
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message).to.match(/secretValues\.postgresConnection/);
        stats.errors++;
        expect(scan("postgres value error", message, [bad, ...ALL_VALUES])).to.deep.equal([]);
      }
    });

    it("spec errors and secretValues/ref conflicts do not echo secret values", () => {
      const cases: PlainArgs[] = [
        { ...VALUE_SPEC, terminationGracePeriodSeconds: 1 },
        { ...VALUE_SPEC, identity: { jwt: { secretRef: { name: "jwt", key: "secret" } } } },
        { ...VALUE_SPEC, database: { postgresSecretRef: { name: "pg", key: "host" } } },
        { ...VALUE_SPEC, smb: { enabled: true } },
      ];
      for (const args of cases) {
        for (const attempt of [
          () => render("leakspec", args),
          () => new DittoServer("vleak29-spec", args as any),
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
