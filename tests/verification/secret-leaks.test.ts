/**
 * Secret leaks (issue 6): recognisable secret values for the JWT, the admin (bcrypt hash and initial password),
 * PostgreSQL and S3, given through referenced Secrets and through `secretValues`, plus the generated ones. Scanned
 * for their plaintext and their base64 (at each of the three byte alignments, so a value inside a longer encoded
 * string is found too): every emitted object outside Secret data (render, `dittofs render`, component), every
 * component output, every warning (`pulumi.log.*` captured, render's warnings, the CLI's stderr) and every error
 * (triggered with bad secret contents). Expected hits: 0. Secret outputs and owned Secret data must be secret.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import type { PlainArgs } from "../../src/resolve/component-fields";
import { b64 } from "../helpers/base64";
import { renderDocs } from "../helpers/cli";
import { fakeRandom, putClusterSecret } from "../helpers/mocks";
import type { Obj } from "../helpers/objects";
import { GENERATED, render } from "../helpers/render";
import { FEB, MINIMAL } from "../helpers/specs";
import { crDocuments, LeakScan, withoutSecretData } from "./leak-scan";

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

const leaks = new LeakScan(ALL_VALUES);
const { stats } = leaks;

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

describe("verification: secret leaks", function () {
  this.timeout(60_000);

  leaks.captureLogs(
    () => `      [secret-leaks] ${leaks.counts(ALL_VALUES.length + BAD_VALUES.length)}`,
  );
  before(() => {
    for (const [name, data] of Object.entries(REF_SECRETS)) putClusterSecret(NS, name, data);
  });

  it("the scanner finds a value where it is (positive control)", () => {
    const secret = {
      kind: "Secret",
      metadata: { name: "x" },
      data: { k: b64(`pre${V.jwt}`) },
    };
    expect(leaks.find("control", JSON.stringify(secret), [V.jwt]).length).to.be.greaterThan(0);
    expect(leaks.find("control", JSON.stringify(withoutSecretData(secret)), [V.jwt])).to.deep.equal(
      [],
    );
  });

  describe("render path", () => {
    for (const [label, args, secrets] of [
      ["referenced Secrets", REF_SPEC, REF_SECRETS],
      ["secretValues", VALUE_SPEC, { admin: { hash: V.adminHash } }],
    ] as const) {
      it(`keeps ${label} out of every object (outside Secret data) and every warning`, () => {
        const result = render("leaky", args, secrets);
        expect(leaks.scanRender(label, result)).to.deep.equal([]);
        // The values are in the owned/read Secrets' data where they belong (base64).
        const data = JSON.stringify((result.objects as Obj[]).filter((o) => o.kind === "Secret"));
        if (label === "secretValues") expect(data).to.include(b64(V.jwt));
      });
    }

    it("keeps generated values out of every object (outside Secret data)", () => {
      const result = render("generated", MINIMAL);
      const generated = Object.values(GENERATED);
      expect(leaks.scanObjects("generated", result.objects as Obj[], generated)).to.deep.equal([]);
    });

    it("`dittofs render`: stdout outside Secret data and stderr (warnings) are clean", () => {
      const docs = crDocuments("leaky", REF_SPEC, REF_SECRETS);
      expect(leaks.scanCli(renderDocs(docs, "--operator-release", FEB))).to.deep.equal([]);
    });
  });

  describe("component path (Pulumi mocks)", () => {
    it("referenced Secrets: objects, outputs and warnings are clean", async () => {
      const { hits, lines } = await leaks.scanDeployment("vleak-refs", REF_SPEC);
      expect(lines.length, "warnings were captured").to.be.greaterThan(0);
      expect(hits).to.deep.equal([]);
    });

    it("secretValues (plain and as secret Outputs): objects, outputs and warnings are clean", async () => {
      const { hits } = await leaks.scanDeployment("vleak-values", VALUE_SPEC);
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
      expect((await leaks.scanDeployment("vleak-lifted", lifted as any)).hits).to.deep.equal([]);
    });

    it("generated values stay in owned Secret data and the secret adminPassword output", async () => {
      const name = "vleak-generated";
      const generated = [fakeRandom(`${name}-jwt`, 32), fakeRandom(`${name}-admin-password`, 24)];
      await leaks.expectGeneratedKept(name, MINIMAL, generated);
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
          const thrown = () => render("leakerr", args, secrets);
          expect(
            leaks.scanThrown(`${key} render error`, thrown, /Secret|secretValues/, BAD_VALUES),
          ).to.deep.equal([]);
          const name = `vleak-err-${++n}`;
          expect(await leaks.scanComponentError(key, name, args, BAD_VALUES)).to.deep.equal([]);
        }
        const result = renderDocs(
          crDocuments("leakerr", ref(key), secrets),
          "--operator-release",
          FEB,
        );
        expect(result.code).to.equal(1);
        stats.errors++;
        expect(leaks.scan(`${key} cli stderr`, result.stderr, BAD_VALUES)).to.deep.equal([]);
      });
    }

    it("spec errors and secretValues/ref conflicts do not echo secret values", () => {
      const cases: PlainArgs[] = [
        { ...VALUE_SPEC, nfsPort: 0 },
        { ...VALUE_SPEC, identity: { jwt: { secretRef: { name: "jwt", key: "secret" } } } },
        { ...VALUE_SPEC, database: { postgresSecretRef: { name: "pg", key: "url" } } },
      ];
      leaks.expectSpecErrorsClean(
        cases,
        (args: PlainArgs) => render("leakspec", args),
        "vleak-spec",
      );
    });
  });
});
