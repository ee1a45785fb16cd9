/**
 * The user Secrets a deployment reads (src/secrets/reads.ts), through the Feb model's plan: each once, with every key
 * it needs, sorted by name.
 */
import { expect } from "chai";
import { planServer } from "../../src/pipeline";
import type { PlainArgs } from "../../src/resolve/component-fields";
import { render } from "../helpers/render";
import { FEB } from "../helpers/specs";

const planFeb = (name: string, args: PlainArgs) =>
  planServer(name, { operatorRelease: FEB, ...args });

describe("secretReads", () => {
  const SHARED: PlainArgs = {
    storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
    identity: {
      jwt: { secretRef: { name: "shared", key: "jwt" } },
      admin: {
        passwordSecretRef: { name: "shared", key: "hash" },
        initialPasswordSecretRef: { name: "shared", key: "pw" },
      },
    },
    database: { type: "postgres", postgresSecretRef: { name: "shared", key: "url" } },
    s3: {
      credentialsSecretRef: {
        secretName: "shared",
        accessKeyIdKey: "ak",
        secretAccessKeyKey: "sk",
        endpointKey: "ep",
      },
    },
  };

  it("lists a Secret referenced by several fields once, with every required key", () => {
    const { plan } = planFeb("srv", SHARED);
    const reads = plan.secrets.reads;
    expect(reads.map((r) => r.secret)).to.deep.equal(["shared"]);
    expect([...reads[0].requiredKeys].sort()).to.deep.equal([
      "ak",
      "hash",
      "jwt",
      "pw",
      "sk",
      "url",
    ]);
  });

  it("does not require the S3 endpoint key", () => {
    const { plan } = planFeb("srv", SHARED);
    expect(plan.secrets.reads[0].requiredKeys).to.not.include("ep");
  });

  it("lists each distinct Secret once, sorted by name", () => {
    const { plan } = planFeb("srv", {
      ...SHARED,
      database: { type: "postgres", postgresSecretRef: { name: "pg", key: "url" } },
      s3: { credentialsSecretRef: { secretName: "s3" }, bucket: "b" },
    });
    const reads = plan.secrets.reads.map((r) => r.secret);
    expect(reads).to.deep.equal(["pg", "s3", "shared"]);
  });

  it("reads nothing when every secret is generated", () => {
    const { plan } = planFeb("srv", { storage: { metadataSize: "1Gi", cacheSize: "1Gi" } });
    expect(plan.secrets.reads).to.deep.equal([]);
  });

  it("renders from one shared Secret holding every key", () => {
    const shared = {
      jwt: "a-jwt-secret-that-is-long-enough-0123",
      hash: "$2a$10$x",
      pw: "initial-pass-123",
      url: "postgres://dittofs:pg-password-42@pg:5432/dittofs?sslmode=disable",
      ak: "AK",
      sk: "SK",
    };
    const r = render("srv", SHARED, { shared });
    expect(r.configHash).to.match(/^[0-9a-f]{64}$/);
  });
});
