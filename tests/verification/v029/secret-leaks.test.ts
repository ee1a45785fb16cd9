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
import * as pulumi from "@pulumi/pulumi";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import { b64 } from "../../helpers/base64";
import { renderDocs } from "../../helpers/cli";
import { fakeRandom, putClusterSecret } from "../../helpers/mocks";
import type { Obj } from "../../helpers/objects";
import { GENERATED, renderV029 as render } from "../../helpers/render";
import { MINIMAL } from "../../helpers/specs";
import { crDocuments, LeakScan, withoutSecretData } from "../leak-scan";

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

const leaks = new LeakScan(ALL_VALUES);
const { stats } = leaks;

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
const cliRender = (
  name: string,
  args: PlainArgs,
  secrets: Record<string, Record<string, string>>,
) => renderDocs(crDocuments(name, args, secrets), "--operator-release", RELEASE);

describe("verification (v0.29): secret leaks", function () {
  this.timeout(60_000);

  leaks.captureLogs(() => `      [v0.29 secret-leaks] ${leaks.counts(ALL_VALUES.length)}`);
  before(() => {
    for (const [name, data] of Object.entries(REF_SECRETS)) putClusterSecret(NS, name, data);
  });

  it("the scanner finds each value where it is (positive control)", () => {
    const secret = {
      kind: "Secret",
      metadata: { name: "x" },
      data: Object.fromEntries(ALL_VALUES.map((v, i) => [`k${i}`, b64(v)])),
    };
    for (const v of ALL_VALUES)
      expect(leaks.find("control", JSON.stringify(secret), [v]).length, v).to.be.greaterThan(0);
    expect(
      leaks.find("control", JSON.stringify(withoutSecretData(secret)), ALL_VALUES),
    ).to.deep.equal([]);
  });

  describe("render path", () => {
    for (const [label, args] of [
      ["referenced Secrets", REF_SPEC],
      ["secretValues", VALUE_SPEC],
    ] as const) {
      it(`keeps ${label} out of every object (outside Secret data) and every warning`, () => {
        const result = render("leaky", args, REF_SECRETS);
        expect(leaks.scanRender(label, result)).to.deep.equal([]);
        if (label === "secretValues") {
          const data = JSON.stringify((result.objects as Obj[]).filter((o) => o.kind === "Secret"));
          expect(data).to.include(b64(V.pgPassword));
        }
      });
    }

    it("keeps generated values out of every object (outside Secret data)", () => {
      const result = render("generated", MINIMAL, {}, GENERATED);
      expect(
        leaks.scanObjects("generated", result.objects as Obj[], Object.values(GENERATED)),
      ).to.deep.equal([]);
    });

    it("`dittofs render`: stdout outside Secret data and stderr (warnings) are clean", () => {
      const result = cliRender("leaky", REF_SPEC, REF_SECRETS);
      expect(result.stderr).to.match(/warning: /);
      expect(leaks.scanCli(result)).to.deep.equal([]);
    });
  });

  describe("component path (Pulumi mocks)", () => {
    it("referenced Secrets: objects, outputs and warnings are clean", async () => {
      const { hits, lines } = await leaks.scanDeployment("vleak29-refs", REF_SPEC);
      expect(lines.length, "warnings were captured").to.be.greaterThan(0);
      expect(hits).to.deep.equal([]);
    });

    it("secretValues (plain and as secret Outputs): objects, outputs and warnings are clean", async () => {
      expect((await leaks.scanDeployment("vleak29-values", VALUE_SPEC)).hits).to.deep.equal([]);
      const lifted = {
        ...VALUE_SPEC,
        secretValues: {
          jwtSecret: pulumi.secret(V.jwt),
          adminInitialPassword: pulumi.output(Promise.resolve(V.admin)),
          postgresConnection: pulumi.secret(PG_KV),
        },
      };
      expect((await leaks.scanDeployment("vleak29-lifted", lifted as any)).hits).to.deep.equal([]);
    });

    it("generated values stay in owned Secret data and the secret adminPassword output", async () => {
      const name = "vleak29-generated";
      const generated = [fakeRandom(`${name}-jwt`, 43), fakeRandom(`${name}-admin-password`, 24)];
      await leaks.expectGeneratedKept(name, { operatorRelease: RELEASE, ...MINIMAL }, generated);
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
        const thrown = () => render("leakerr", args, secrets);
        expect(leaks.scanThrown(`${label} render error`, thrown, /Secret/, values)).to.deep.equal(
          [],
        );
        const cli = cliRender("leakerr", args, secrets);
        expect(cli.code).to.equal(1);
        stats.errors++;
        expect(leaks.scan(`${label} cli stderr`, cli.stderr, values)).to.deep.equal([]);

        const ns = `${NS}-err-${++n}`;
        for (const [name, d] of Object.entries(secrets)) putClusterSecret(ns, name, d);
        const component = { ...args, namespace: ns };
        expect(
          await leaks.scanComponentError(label, `vleak29-err-${n}`, component, values),
        ).to.deep.equal([]);
      });
    }

    it("a connection string passed in secretValues that does not parse", () => {
      for (const bad of [
        `postgres://${V.pgUser}:${V.pgPassword}@[broken/ditto`,
        `user=${V.pgUser} password='${V.pgPassword}`,
      ]) {
        const thrown = () =>
          render("leakpg", { ...base, secretValues: { postgresConnection: bad } });
        const values = [bad, ...ALL_VALUES];
        expect(
          leaks.scanThrown(
            "postgres value error",
            thrown,
            /secretValues\.postgresConnection/,
            values,
          ),
        ).to.deep.equal([]);
      }
    });

    it("spec errors and secretValues/ref conflicts do not echo secret values", () => {
      const cases: PlainArgs[] = [
        { ...VALUE_SPEC, terminationGracePeriodSeconds: 1 },
        { ...VALUE_SPEC, identity: { jwt: { secretRef: { name: "jwt", key: "secret" } } } },
        { ...VALUE_SPEC, database: { postgresSecretRef: { name: "pg", key: "host" } } },
        { ...VALUE_SPEC, smb: { enabled: true } },
      ];
      leaks.expectSpecErrorsClean(
        cases,
        (args: PlainArgs) => render("leakspec", args),
        "vleak29-spec",
      );
    });
  });
});
