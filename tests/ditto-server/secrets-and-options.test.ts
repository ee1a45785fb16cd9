import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/kubernetes/provider";
import { DittoServer } from "../../src/ditto-server";
import { deploy } from "../helpers/component";
import {
  fakeRandom,
  putClusterSecret,
  secretPaths,
  secretReadCount,
  valueOf,
} from "../helpers/mocks";
import { captureWarnings, failedProgram } from "../helpers/mocked-program";
import { errorOf } from "../helpers/errors";
import { MINIMAL } from "../helpers/specs";
import { b64, decodeData } from "../helpers/base64";

const JWT = "LEAKJWT-0123456789-0123456789-0123456789";
const ADMIN_HASH = "$2a$10$LEAKADMINHASHLEAKADMINHASHLEAKADMINHASH";
const INITIAL = "LEAKINITIAL-pass";
const PG = "postgres://dbuser:LEAKPGPASS@db.example:5432/dittofs?sslmode=require";
const S3_ID = "LEAKS3ACCESSKEYID";
const S3_SECRET = "LEAKS3SECRETACCESSKEY";

/** Every form a plaintext could take in an object: as is, and base64 (as in Secret data). */
function needles(values: string[]): string[] {
  return values.flatMap((v) => [v, b64(v)]);
}

describe("DittoServer secrets", () => {
  const plaintexts = [JWT, ADMIN_HASH, INITIAL, "LEAKPGPASS", S3_ID, S3_SECRET];
  const warnings = captureWarnings();

  async function leaky() {
    putClusterSecret("leaks", "admin", { hash: ADMIN_HASH, initial: INITIAL });
    putClusterSecret("leaks", "pg", { url: PG });
    return deploy("leaks", {
      namespace: "leaks",
      ...MINIMAL,
      identity: {
        admin: {
          passwordSecretRef: { name: "admin", key: "hash" },
          initialPasswordSecretRef: { name: "admin", key: "initial" },
        },
      },
      database: { postgresSecretRef: { name: "pg", key: "url" } },
      secretValues: {
        jwtSecret: pulumi.secret(JWT),
        s3: { accessKeyId: S3_ID, secretAccessKey: pulumi.secret(S3_SECRET) },
      },
    });
  }

  it("never puts a secret value outside a Secret's data, and marks that data secret", async () => {
    const d = await leaky();
    // The inert admin hash and PostgreSQL without `database.type` each warn once, naming the field, not the value.
    expect(warnings.messages).to.have.length(2);
    expect(warnings.messages.join("\n"))
      .to.include("spec.identity.admin.passwordSecretRef")
      .and.to.include("spec.database.postgresSecretRef");
    for (const needle of needles(plaintexts))
      expect(warnings.messages.join("\n")).not.to.include(needle);
    const owned = d.children.filter((c) => c.type === "kubernetes:core/v1:Secret" && !c.read);
    expect(owned.map((c) => c.inputs.metadata.name)).to.have.members([
      "leaks-jwt-secret",
      "leaks-postgres-connection",
      "leaks-s3-credentials",
    ]);
    for (const secret of owned) expect(secretPaths(secret.rawInputs)).to.include("data");
    for (const child of d.children.filter((c) => !c.read)) {
      const text = JSON.stringify(
        child.type === "kubernetes:core/v1:Secret" ? { ...child.inputs, data: {} } : child.inputs,
      );
      for (const needle of needles(plaintexts))
        expect(text, `${child.type} ${child.name}`).not.to.include(needle);
    }
  });

  it("stores the split PostgreSQL connection and the passed-in values in the owned Secrets", async () => {
    const d = await leaky();
    const data = (name: string) =>
      decodeData(d.children.find((c) => c.inputs?.metadata?.name === name && !c.read)!.inputs.data);
    expect(data("leaks-postgres-connection")).to.deep.equal({
      host: "db.example",
      port: "5432",
      database: "dittofs",
      user: "dbuser",
      password: "LEAKPGPASS",
      sslmode: "require",
    });
    expect(data("leaks-jwt-secret")).to.deep.equal({ "jwt-secret": JWT });
    expect(data("leaks-s3-credentials")).to.deep.equal({
      accessKeyId: S3_ID,
      secretAccessKey: S3_SECRET,
    });
  });

  it("keeps every output free of plaintext; the config hash stays readable (not secret)", async () => {
    const d = await leaky();
    const s = d.server;
    const outputs = await valueOf(
      pulumi.all([
        s.nfsEndpoint,
        s.apiEndpoint,
        s.smbEndpoint,
        s.metricsEndpoint,
        s.configHash,
        s.statefulSetName,
        s.configMapName,
        s.perconaClusterName,
        s.generatedSecretNames.apply((n) => n.join(",")),
      ]),
    );
    for (const needle of needles(plaintexts))
      expect(JSON.stringify(outputs)).not.to.include(needle);
    expect(await pulumi.isSecret(s.configHash)).to.equal(false);
    expect(outputs[4]).to.match(/^[0-9a-f]{64}$/);
  });

  it("exposes a generated admin password only as a secret output", async () => {
    const d = await deploy("genadmin", MINIMAL);
    expect(await pulumi.isSecret(d.server.adminPassword)).to.equal(true);
    expect(await valueOf(d.server.adminPassword)).to.equal(
      fakeRandom("genadmin-admin-password", 24),
    );
    expect(await valueOf(d.server.generatedSecretNames)).to.deep.equal([
      "genadmin-jwt-secret",
      "genadmin-admin-bootstrap-credentials",
    ]);
  });

  it("names the Secret and key, never the value, when a referenced JWT is too short", async () => {
    putClusterSecret("short", "jwt", { k: "tooShortSecretValue" });
    const server = new DittoServer("shortjwt", {
      namespace: "short",
      ...MINIMAL,
      identity: { jwt: { secretRef: { name: "jwt", key: "k" } } },
    });
    const error = await errorOf(server.configHash);
    expect(error?.message).to.include(
      'Secret "short/jwt" key "k": the JWT secret must be at least 32 characters',
    );
    expect(error?.message).not.to.include("tooShortSecretValue");
    failedProgram("shortjwt");
  });
});

describe("DittoServer options and Output args", () => {
  it("registers every Kubernetes child and Secret read through the user's provider", async () => {
    putClusterSecret("prov", "jwt", { k: JWT });
    const provider = new Provider("custom-k8s", {});
    const d = await deploy(
      "provided",
      {
        namespace: "prov",
        ...MINIMAL,
        identity: { jwt: { secretRef: { name: "jwt", key: "k" } } },
      },
      { providers: { kubernetes: provider } },
    );
    const k8sChildren = d.children.filter((c) => c.type.startsWith("kubernetes:"));
    expect(k8sChildren.some((c) => c.read)).to.equal(true);
    for (const c of k8sChildren) expect(c.provider, `${c.type} ${c.name}`).to.match(/custom-k8s::/);
  });

  it("reads a Secret once per provider across servers that reference it", async () => {
    putClusterSecret("shared-reads", "jwt", { k: JWT });
    const spec = {
      namespace: "shared-reads",
      ...MINIMAL,
      identity: { jwt: { secretRef: { name: "jwt", key: "k" } } },
    };
    for (const name of ["shared-a", "shared-b", "shared-c"]) await deploy(name, spec);
    expect(secretReadCount.get("shared-reads/jwt")).to.equal(1);
    const other = new Provider("other-k8s", {});
    await deploy("shared-d", spec, { providers: { kubernetes: other } });
    expect(secretReadCount.get("shared-reads/jwt")).to.equal(2);
  });

  it("accepts Outputs for plain fields and renders the same objects", async () => {
    const plain = await deploy("outputs-plain", {
      storage: { metadataSize: "10Gi" },
      controlPlane: { port: 8081 },
    });
    const lifted = await deploy("outputs-lifted", {
      storage: { metadataSize: pulumi.output("10Gi") },
      controlPlane: { port: pulumi.output(8081) },
    });
    const spec = (d: typeof plain) =>
      d.one("kubernetes:apps/v1:StatefulSet", "statefulset").inputs.spec.volumeClaimTemplates;
    expect(spec(lifted)).to.deep.equal(spec(plain));
    expect(await valueOf(lifted.server.apiEndpoint)).to.equal(
      "outputs-lifted-api.default.svc.cluster.local:8081",
    );
  });

  it("keeps secret values out of the plan: only Secret data is secret, other objects stay readable", async () => {
    const d = await deploy("taint", {
      ...MINIMAL,
      secretValues: {
        jwtSecret: pulumi.secret(JWT),
        s3: { accessKeyId: pulumi.secret(S3_ID), secretAccessKey: S3_SECRET },
      },
    });
    for (const c of d.children.filter(
      (x) => x.type.startsWith("kubernetes:") && x.type !== "kubernetes:core/v1:Secret",
    )) {
      expect(secretPaths(c.rawInputs), `${c.type} ${c.name}`).to.deep.equal([]);
    }
    // Absent fields are absent, not secret placeholders (the engine rejects a secret without a value).
    expect(d.one("kubernetes:core/v1:ConfigMap", "config").rawInputs).not.to.have.property(
      "binaryData",
    );
  });

  it("rejects an Output for a field that decides which objects exist, naming it", () => {
    expect(
      () =>
        new DittoServer("deciding", {
          ...MINIMAL,
          metrics: { enabled: pulumi.output(true) },
        }),
    ).to.throw(
      "spec.metrics.enabled: must be a plain value, not an Output: it decides which objects exist",
    );
  });

  it("validates an Output value when it resolves, with the same message as a plain value", async () => {
    let plainMessage = "";
    try {
      new DittoServer("bad-plain", { storage: { metadataSize: "10GB" } });
    } catch (e) {
      plainMessage = (e as Error).message;
    }
    const server = new DittoServer("bad-lifted", {
      storage: { metadataSize: pulumi.output("10GB") },
    });
    const error = await errorOf(server.nfsEndpoint);
    expect(plainMessage).to.include(
      'spec.storage.metadataSize: "10GB" must match ^[0-9]+(Gi|Mi|Ti)$',
    );
    expect(error?.message).to.equal(plainMessage.replace('"bad-plain"', '"bad-lifted"'));
    failedProgram("bad-lifted");
  });
});
