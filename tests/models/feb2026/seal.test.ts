/**
 * Sealing secret material and the render errors on secret contents (operator-behavior.md §10.2.2-10.2.4, decisions.md
 * "Secrets"): each error names the Secret (`namespace/name`) and key, never the value.
 */
import { expect } from "chai";
import { CONFIG_HASH_ANNOTATION } from "../../../src/hash";
import { DittoSecretError } from "../../../src/resolve/errors";
import { planServer } from "../../../src/pipeline";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import { GENERATED, render } from "../../helpers/render";
import { b64, encodeSecrets } from "../../helpers/base64";
import { statefulSet } from "../../helpers/objects";
import { FEB } from "../../helpers/specs";

const NS = "team-a";

/** The Feb model's plan (the suite was written for it). */
const planFeb = (name: string, args: PlainArgs) =>
  planServer(name, { operatorRelease: FEB, ...args });
const JWT = "a-jwt-secret-that-is-long-enough-0123";
const INITIAL = "initial-pass-123";
const PG = "postgres://dittofs:pg-password-42@pg:5432/dittofs?sslmode=disable";

const ARGS = (): PlainArgs => ({
  namespace: NS,
  storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
  identity: {
    jwt: { secretRef: { name: "jwt", key: "secret" } },
    admin: { initialPasswordSecretRef: { name: "admin", key: "initial" } },
  },
  database: { type: "postgres", postgresSecretRef: { name: "pg", key: "url" } },
  s3: { credentialsSecretRef: { secretName: "s3" }, bucket: "b" },
});

const SECRETS = (): Record<string, Record<string, string>> => ({
  jwt: { secret: JWT },
  admin: { initial: INITIAL },
  pg: { url: PG },
  s3: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "s3-secret-example", endpoint: "https://s3" },
});

/** Renders, expects a DittoSecretError, and checks that `value` (plain or base64) is not in the message. */
function renderError(
  secrets: Record<string, Record<string, string>>,
  hidden: string[] = [],
  args = ARGS(),
): string {
  let caught: unknown;
  try {
    render("srv", args, secrets);
  } catch (e) {
    caught = e;
  }
  expect(caught, "render did not fail").to.be.instanceOf(DittoSecretError);
  const message = (caught as Error).message;
  for (const value of hidden) {
    expect(message).to.not.include(value);
    expect(message).to.not.include(b64(value));
  }
  return message;
}

function facts(args: PlainArgs, secrets: Record<string, Record<string, string>>) {
  const { model, plan } = planFeb("srv", args);
  return model.seal(plan, { read: encodeSecrets(secrets), ...GENERATED });
}

describe("secret contents: errors name the Secret and key, never the value", () => {
  it("renders with valid secrets", () => {
    expect(render("srv", ARGS(), SECRETS()).objects.length).to.be.greaterThan(0);
  });

  it("rejects a JWT secret of 31 characters, naming Secret and key", () => {
    const short = "x".repeat(30) + "Q";
    const message = renderError({ ...SECRETS(), jwt: { secret: short } }, [short]);
    expect(message).to.include(`${NS}/jwt`).and.include('"secret"').and.match(/32/);
  });

  it("accepts a JWT secret of exactly 32 characters", () => {
    expect(() =>
      render("srv", ARGS(), { ...SECRETS(), jwt: { secret: "j".repeat(32) } }),
    ).to.not.throw();
  });

  it("rejects an initial password of 7 characters, naming Secret and key", () => {
    const message = renderError({ ...SECRETS(), admin: { initial: "seven77" } }, ["seven77"]);
    expect(message).to.include(`${NS}/admin`).and.include('"initial"');
  });

  it("rejects an initial password of 73 characters, naming Secret and key", () => {
    const long = "P".repeat(72) + "z";
    const message = renderError({ ...SECRETS(), admin: { initial: long } }, [long]);
    expect(message).to.include(`${NS}/admin`).and.include('"initial"');
  });

  it("accepts initial passwords of 8 and of 72 characters", () => {
    for (const pw of ["e".repeat(8), "s".repeat(72)])
      expect(
        () => render("srv", ARGS(), { ...SECRETS(), admin: { initial: pw } }),
        pw,
      ).to.not.throw();
  });

  it("rejects a postgres value that does not parse, naming Secret and key but not the value", () => {
    const bad = "postgres://dittofs:hunter2-secret@:99999/";
    const message = renderError({ ...SECRETS(), pg: { url: bad } }, [bad, "hunter2-secret"]);
    expect(message).to.include(`${NS}/pg`).and.include('"url"');
  });

  it("rejects a key=value postgres value with an unterminated quote without echoing the password", () => {
    const bad = "host=pg dbname=d user=u password='hunter2-secret";
    const message = renderError({ ...SECRETS(), pg: { url: bad } }, [bad, "hunter2-secret"]);
    expect(message).to.include(`${NS}/pg`).and.include('"url"');
  });

  it("reports every bad value at once", () => {
    const message = renderError(
      {
        ...SECRETS(),
        jwt: { secret: "short-jwt" },
        admin: { initial: "tiny-pw" },
      },
      ["short-jwt", "tiny-pw"],
    );
    expect(message).to.include(`${NS}/jwt`).and.include(`${NS}/admin`);
  });

  it("rejects a too-short JWT passed as a value (owned Secret), naming that Secret, not the value", () => {
    const args: PlainArgs = {
      ...ARGS(),
      identity: { admin: { initialPasswordSecretRef: { name: "admin", key: "initial" } } },
      secretValues: { jwtSecret: "tiny-jwt-value" },
    };
    const message = renderError(SECRETS(), ["tiny-jwt-value"], args);
    expect(message).to.include(`${NS}/srv-jwt-secret`).and.include('"jwt-secret"');
  });
});

describe("secret reads: missing Secrets and keys", () => {
  it("names a missing Secret as namespace/name", () => {
    const secrets = SECRETS();
    delete secrets.pg;
    const message = renderError(secrets);
    expect(message)
      .to.include(`${NS}/pg`)
      .and.match(/not found/);
  });

  it("names each missing Secret when several are missing", () => {
    const message = renderError({ pg: { url: PG }, s3: SECRETS().s3 });
    expect(message).to.include(`${NS}/jwt`).and.include(`${NS}/admin`);
  });

  it("names a missing required key and its Secret", () => {
    const message = renderError({ ...SECRETS(), jwt: { other: JWT } }, [JWT]);
    expect(message).to.include(`${NS}/jwt`).and.include('"secret"');
  });

  it("names a missing S3 access key id", () => {
    const message = renderError({ ...SECRETS(), s3: { secretAccessKey: "s3-secret-example" } }, [
      "s3-secret-example",
    ]);
    expect(message).to.include(`${NS}/s3`).and.include('"accessKeyId"');
  });

  it("names a missing S3 secret access key", () => {
    const message = renderError({ ...SECRETS(), s3: { accessKeyId: "AKIAEXAMPLE" } }, [
      "AKIAEXAMPLE",
    ]);
    expect(message).to.include(`${NS}/s3`).and.include('"secretAccessKey"');
  });

  it("accepts an S3 Secret without the endpoint key", () => {
    const s3 = { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "s3-secret-example" };
    expect(() => render("srv", ARGS(), { ...SECRETS(), s3 })).to.not.throw();
  });

  it("hashes every key of the S3 Secret, the endpoint only when present", () => {
    const s3 = { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "s3-secret-example", extra: "e" };
    const keys = [...facts(ARGS(), { ...SECRETS(), s3 }).hashEntries.keys()].filter((k) =>
      k.startsWith("s3:"),
    );
    expect(keys.sort()).to.deep.equal(["s3:accessKeyId", "s3:extra", "s3:secretAccessKey"]);
  });

  it("leaves an unreferenced S3 Secret out of the hash", () => {
    const args = { ...ARGS(), s3: undefined };
    const secrets = SECRETS();
    expect(secrets.s3).to.not.equal(undefined);
    expect([...facts(args, secrets).hashEntries.keys()].some((k) => k.startsWith("s3:"))).to.equal(
      false,
    );
  });

  it("never reads Percona's user Secret", () => {
    const args = { ...ARGS(), database: undefined, percona: { enabled: true } };
    const { plan } = planFeb("srv", args);
    const reads = plan.secrets.reads.map((r) => r.secret);
    expect(reads).to.not.include("srv-postgres-pguser-dittofs");
    expect(() => render("srv", args, SECRETS())).to.not.throw();
  });
});

describe("the dittofs.io/config-hash annotation of a rendered StatefulSet", () => {
  const JWT = "your-jwt-secret-at-least-32-characters-long";
  const ADMIN_HASH = "$2a$10$N9qo8uLOickgx2ZMRZoMy.Mrq4H1D/REPLACEWITHREALHASH";
  const ARGS: PlainArgs = {
    storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
    replicas: 1,
    identity: {
      jwt: { secretRef: { name: "jwt", key: "secret" } },
      admin: {
        passwordSecretRef: { name: "admin", key: "password-hash" },
        initialPasswordSecretRef: { name: "admin", key: "initial" },
      },
    },
    database: { type: "postgres", postgresSecretRef: { name: "pg", key: "url" } },
    s3: { credentialsSecretRef: { secretName: "s3" }, bucket: "b", region: "eu-west-1" },
    smb: { enabled: true, credits: { minGrant: 16 } },
    cache: { size: "1GB" },
    resources: { requests: { cpu: "500m" } },
  };
  const SECRETS = (): Record<string, Record<string, string>> => ({
    jwt: { secret: JWT },
    admin: { "password-hash": ADMIN_HASH, initial: "initial-pass-123" },
    pg: { url: "postgres://dittofs:pw@pg:5432/dittofs?sslmode=disable" },
    s3: { accessKeyId: "AKIA", secretAccessKey: "s3-secret", endpoint: "https://s3", extra: "x" },
  });
  const annotation = (args: PlainArgs, secrets = SECRETS(), generated = GENERATED): string =>
    statefulSet(render("srv", args, secrets, generated), "srv").spec.template.metadata.annotations[
      CONFIG_HASH_ANNOTATION
    ];
  const base = annotation(ARGS);

  it("is 64 lowercase hex characters", () => {
    expect(base).to.match(/^[0-9a-f]{64}$/);
  });

  it("does not change when nothing changes", () => {
    expect(annotation(structuredClone(ARGS), SECRETS())).to.equal(base);
  });

  const secretChanges: Array<[string, string, string, string]> = [
    ["the JWT secret", "jwt", "secret", `${JWT}!`],
    ["the admin passwordSecretRef hash", "admin", "password-hash", `${ADMIN_HASH}x`],
    ["the initialPasswordSecretRef password", "admin", "initial", "initial-pass-124"],
    ["the postgres connection string", "pg", "url", "postgres://dittofs:pw2@pg:5432/dittofs"],
    ["the S3 access key id", "s3", "accessKeyId", "AKIB"],
    ["the S3 secret access key", "s3", "secretAccessKey", "s3-secreT"],
    ["the S3 endpoint", "s3", "endpoint", "https://s4"],
    ["an extra unused key of the S3 Secret", "s3", "extra", "y"],
  ];
  for (const [what, secret, key, value] of secretChanges) {
    it(`changes when ${what} changes`, () => {
      const secrets = SECRETS();
      secrets[secret][key] = value;
      expect(annotation(ARGS, secrets)).to.not.equal(base);
    });
  }

  it("changes when an extra key is added to the S3 Secret", () => {
    const secrets = SECRETS();
    secrets.s3.another = "z";
    expect(annotation(ARGS, secrets)).to.not.equal(base);
  });

  it("changes when a generated JWT secret changes", () => {
    const args = { ...ARGS, identity: { admin: {} } };
    const other = { ...GENERATED, jwtSecret: `${GENERATED.jwtSecret}X` };
    expect(annotation(args, SECRETS(), other)).to.not.equal(annotation(args, SECRETS()));
  });

  it("changes when a config field (cache.size) changes", () => {
    expect(annotation({ ...ARGS, cache: { size: "2GB" } })).to.not.equal(base);
  });

  const nonConfig: Array<[string, PlainArgs]> = [
    ["service.annotations", { ...ARGS, service: { annotations: { "example.com/x": "y" } } }],
    ["smb.credits.minGrant", { ...ARGS, smb: { enabled: true, credits: { minGrant: 32 } } }],
    ["resources", { ...ARGS, resources: { requests: { cpu: "1" }, limits: { memory: "4Gi" } } }],
    ["replicas", { ...ARGS, replicas: 0 }],
  ];
  for (const [field, args] of nonConfig) {
    it(`does not change when only ${field} changes`, () => {
      expect(annotation(args)).to.equal(base);
    });
  }
});
