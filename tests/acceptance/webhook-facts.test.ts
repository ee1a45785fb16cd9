/**
 * Acceptance facts 1-18 of operator-behavior.md §8 (the operator's webhook tests).
 *
 * Cluster-aware checks (facts 9-13, 16, 17) are not done at deploy time (decisions.md, "What parity means"): each
 * of those tests asserts what the component does instead. `dittofs render` treats the `-f` files (here: the
 * `secrets` argument of render()) as the cluster, so a referenced Secret that is absent is an error there.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli/main";
import { resolveServer } from "../../src/resolve/resolve-server";
import { render } from "../helpers/render";
import { DEFAULT_CONFIG, JWT_VALUE } from "./support";
import {
  container,
  envNames,
  find,
  maybe,
  config,
  objectIds,
  secretRef,
  statefulSet,
  type Obj,
} from "../helpers/objects";
import { FEB } from "../helpers/specs";
import { problemsOf } from "../helpers/errors";

const STORAGE = { metadataSize: "10Gi", cacheSize: "5Gi" };
const JWT_SECRETS = { "jwt-secret": { secret: JWT_VALUE } };
const PG_URL = "postgres://dittofs:pw@pg:5432/dittofs?sslmode=disable";

describe("acceptance facts 1-18: validation (webhook tests)", () => {
  it("fact 1: storage plus identity.jwt.secretRef {jwt-secret, secret} is accepted and the env reads that Secret", () => {
    const r = render(
      "w1",
      { storage: STORAGE, identity: { jwt: { secretRef: { name: "jwt-secret", key: "secret" } } } },
      JWT_SECRETS,
    );
    expect(r.warnings).to.deep.equal([]);
    expect(container(r, "w1").env[0]).to.deep.equal(
      secretRef("DITTOFS_CONTROLPLANE_SECRET", "jwt-secret", "secret"),
    );
    expect(maybe(r, "Secret", "w1-jwt-secret")).to.equal(undefined);
  });

  it("fact 2: the full spec (10Gi/50Gi/5Gi, sqlite, cache, metrics 9090, API 8080, JWT ref) is accepted without conflicts", () => {
    const r = render(
      "w2",
      {
        storage: { metadataSize: "10Gi", contentSize: "50Gi", cacheSize: "5Gi" },
        database: { type: "sqlite", sqlite: { path: "/data/controlplane/controlplane.db" } },
        cache: { path: "/data/cache", size: "1GB" },
        metrics: { enabled: true, port: 9090 },
        controlPlane: { port: 8080 },
        identity: { jwt: { secretRef: { name: "jwt-secret", key: "secret" } } },
      },
      JWT_SECRETS,
    );
    expect(r.warnings).to.deep.equal([]);
    expect(
      find(r, "Service", "w2-file").spec.ports.map((p: Obj) => [p.name, p.port]),
    ).to.deep.equal([["nfs", 12049]]);
    expect(find(r, "Service", "w2-api").spec.ports.map((p: Obj) => [p.name, p.port])).to.deep.equal(
      [["api", 8080]],
    );
    expect(
      find(r, "Service", "w2-metrics").spec.ports.map((p: Obj) => [p.name, p.port]),
    ).to.deep.equal([["metrics", 9090]]);
  });

  it("fact 3: an empty or missing storage.metadataSize is rejected naming spec.storage.metadataSize", () => {
    expect(
      problemsOf(() => render("w3", { storage: { metadataSize: "", cacheSize: "5Gi" } })),
    ).to.deep.equal(['spec.storage.metadataSize: "" must match ^[0-9]+(Gi|Mi|Ti)$']);
    expect(problemsOf(() => render("w3", { storage: { cacheSize: "5Gi" } }))).to.deep.equal([
      "spec.storage.metadataSize: is required",
    ]);
  });

  it("fact 4: no identity at all is accepted and the JWT Secret <name>-jwt-secret is generated", () => {
    const r = render("w4", { storage: STORAGE });
    expect(r.warnings).to.deep.equal([]);
    expect(Object.keys(find(r, "Secret", "w4-jwt-secret").data)).to.deep.equal(["jwt-secret"]);
    expect(container(r, "w4").env[0]).to.deep.equal(
      secretRef("DITTOFS_CONTROLPLANE_SECRET", "w4-jwt-secret", "jwt-secret"),
    );
  });

  it("fact 5: identity.jwt.secretRef {name: jwt-secret} with an empty key is rejected (W2)", () => {
    const empty = {
      storage: STORAGE,
      identity: { jwt: { secretRef: { name: "jwt-secret", key: "" } } },
    };
    expect(problemsOf(() => render("w5", empty, JWT_SECRETS))).to.deep.equal([
      "spec.identity.jwt.secretRef.key: is required when secretRef.name is set",
    ]);
    const absent = { storage: STORAGE, identity: { jwt: { secretRef: { name: "jwt-secret" } } } };
    expect(problemsOf(() => render("w5", absent, JWT_SECRETS))).to.deep.equal([
      "spec.identity.jwt.secretRef.key: is required",
    ]);
  });

  it("fact 6: postgresSecretRef with database.type sqlite is accepted with the W3 warning, and PostgreSQL wins", () => {
    const r = render(
      "w6",
      {
        storage: STORAGE,
        database: {
          type: "sqlite",
          postgresSecretRef: { name: "postgres-secret", key: "connection-string" },
        },
      },
      { "postgres-secret": { "connection-string": PG_URL } },
    );
    expect(r.warnings).to.deep.equal([
      "spec.database.postgresSecretRef is set but spec.database.type is 'sqlite' - PostgreSQL will take precedence",
    ]);
    expect(config(r, "w6")).to.contain(
      'database:\n    type: postgres\n    postgres:\n        host: ""\n        port: 5432\n',
    );
    expect(container(r, "w6").env).to.deep.include(
      secretRef("DITTOFS_DATABASE_POSTGRES", "postgres-secret", "connection-string"),
    );
  });

  it("fact 7: controlPlane.port 70000 is rejected", () => {
    expect(
      problemsOf(() => render("w7", { storage: STORAGE, controlPlane: { port: 70000 } })),
    ).to.deep.equal(["spec.controlPlane.port: 70000 must be <= 65535"]);
  });

  it("fact 8: metrics {enabled: true, port: 70000} is rejected", () => {
    expect(
      problemsOf(() => render("w8", { storage: STORAGE, metrics: { enabled: true, port: 70000 } })),
    ).to.deep.equal(["spec.metrics.port: 70000 must be <= 65535"]);
  });

  it("fact 9: (cluster-aware, not done at deploy time) storageClassName nonexistent-sc is accepted and set on every claim template", () => {
    const r = render("w9", { storage: { ...STORAGE, storageClassName: "nonexistent-sc" } });
    expect(r.warnings).to.deep.equal([]);
    const templates = statefulSet(r, "w9").spec.volumeClaimTemplates as Obj[];
    expect(templates.map((t) => [t.metadata.name, t.spec.storageClassName])).to.deep.equal([
      ["metadata", "nonexistent-sc"],
      ["cache", "nonexistent-sc"],
      ["controlplane", "nonexistent-sc"],
    ]);
  });

  it("fact 10: (cluster-aware) storageClassName existing-sc is accepted and passed through, content claim included", () => {
    const r = render("w10", {
      storage: { ...STORAGE, contentSize: "50Gi", storageClassName: "existing-sc" },
    });
    const templates = statefulSet(r, "w10").spec.volumeClaimTemplates as Obj[];
    expect(templates.map((t) => [t.metadata.name, t.spec.storageClassName])).to.deep.equal([
      ["metadata", "existing-sc"],
      ["content", "existing-sc"],
      ["cache", "existing-sc"],
      ["controlplane", "existing-sc"],
    ]);
  });

  it("fact 11: (cluster-aware) a missing S3 Secret nonexistent-secret is an error at render time naming the Secret", () => {
    const spec = {
      storage: STORAGE,
      s3: { credentialsSecretRef: { secretName: "nonexistent-secret" } },
    };
    expect(problemsOf(() => render("w11", spec), "DittoSecretError")).to.deep.equal([
      'Secret "default/nonexistent-secret" not found',
    ]);
    // The CLI: the -f files stand in for the cluster.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-fact11-"));
    const file = path.join(dir, "server.yaml");
    fs.writeFileSync(
      file,
      "apiVersion: dittofs.dittofs.com/v1alpha1\nkind: DittoServer\nmetadata: {name: w11}\n" +
        "spec: {storage: {metadataSize: 10Gi}, s3: {credentialsSecretRef: {secretName: nonexistent-secret}}}\n",
    );
    const out = run(["render", "-f", file, "--operator-release", FEB], {});
    fs.rmSync(dir, { recursive: true, force: true });
    expect(out.code).to.equal(1);
    expect(out.stdout).to.equal("");
    expect(out.stderr).to.contain('Secret "default/nonexistent-secret" not found');
  });

  it("fact 12: (cluster-aware) S3 Secret s3-secret with only accessKeyId is an error naming the missing key", () => {
    const spec = { storage: STORAGE, s3: { credentialsSecretRef: { secretName: "s3-secret" } } };
    expect(
      problemsOf(
        () => render("w12", spec, { "s3-secret": { accessKeyId: "AKIA" } }),
        "DittoSecretError",
      ),
    ).to.deep.equal(['Secret "default/s3-secret" has no key "secretAccessKey"']);
  });

  it("fact 13: (cluster-aware) S3 Secret with accessKeyId and secretAccessKey, no endpoint: zero warnings, endpoint optional", () => {
    const spec = { storage: STORAGE, s3: { credentialsSecretRef: { secretName: "s3-secret" } } };
    const r = render("w13", spec, {
      "s3-secret": { accessKeyId: "AKIA", secretAccessKey: "s3-secret-value" },
    });
    expect(r.warnings).to.deep.equal([]);
    expect(container(r, "w13").env.slice(2)).to.deep.equal([
      secretRef("AWS_ACCESS_KEY_ID", "s3-secret", "accessKeyId"),
      secretRef("AWS_SECRET_ACCESS_KEY", "s3-secret", "secretAccessKey"),
      secretRef("AWS_ENDPOINT_URL", "s3-secret", "endpoint", true),
      { name: "AWS_REGION", value: "eu-west-1" },
    ]);
  });

  it("fact 14: percona.enabled plus postgresSecretRef external-postgres is accepted; the user's PostgreSQL wins, with a warning", () => {
    const r = render(
      "w14",
      {
        storage: STORAGE,
        percona: { enabled: true },
        database: { postgresSecretRef: { name: "external-postgres", key: "connection-string" } },
      },
      { "external-postgres": { "connection-string": PG_URL } },
    );
    expect(r.warnings).to.include(
      "spec.percona.enabled and spec.database.postgresSecretRef are both set: the server uses the referenced PostgreSQL; the PerconaPGCluster is still created",
    );
    expect(objectIds(r)).to.include("PerconaPGCluster/w14-postgres");
    const env = container(r, "w14").env as Obj[];
    expect(env).to.deep.include(
      secretRef("DITTOFS_DATABASE_POSTGRES_HOST", "w14-postgres-connection", "host"),
    );
    expect(
      env
        .filter((e) => e.valueFrom?.secretKeyRef?.name === "w14-postgres-pguser-dittofs")
        .map((e) => e.name),
    ).to.deep.equal(["DATABASE_URL"]);
  });

  it("fact 15: percona backup enabled without bucket/endpoint passes the schema; the full check rejects both fields", () => {
    const spec = { storage: STORAGE, percona: { enabled: true, backup: { enabled: true } } };
    expect(() =>
      resolveServer("w15", { ...spec, operatorRelease: FEB }, { crossFieldRules: false }),
    ).not.to.throw();
    expect(problemsOf(() => render("w15", spec))).to.deep.equal([
      "spec.percona.backup.bucket: is required when backup is enabled",
      "spec.percona.backup.endpoint: is required when backup is enabled",
    ]);
  });

  it("fact 16: (cluster-aware) percona.enabled false is accepted with zero warnings and no Percona objects", () => {
    const r = render("w16", { storage: STORAGE, percona: { enabled: false } });
    expect(r.warnings).to.deep.equal([]);
    expect(objectIds(r).filter((id) => id.startsWith("PerconaPGCluster/"))).to.deep.equal([]);
    expect(envNames(r, "w16")).to.not.include("DATABASE_URL");
    expect(statefulSet(r, "w16").spec.template.spec).to.not.have.property("initContainers");
    expect(config(r, "w16")).to.equal(DEFAULT_CONFIG);
  });

  it("fact 17: (cluster-aware, no CRD check at deploy time) percona with storageClassName nonexistent-percona-sc is passed through", () => {
    const r = render("w17", {
      storage: STORAGE,
      percona: { enabled: true, storageClassName: "nonexistent-percona-sc" },
    });
    const cluster = find(r, "PerconaPGCluster", "w17-postgres");
    expect(cluster.apiVersion).to.equal("pgv2.percona.com/v2");
    expect(cluster.spec.instances[0].dataVolumeClaimSpec.storageClassName).to.equal(
      "nonexistent-percona-sc",
    );
    expect(cluster.metadata.annotations).to.deep.equal({
      "pulumi.com/waitFor": "jsonpath={.status.state}=ready",
    });
  });

  it("fact 18: percona backup enabled with an empty bucket (endpoint set) is rejected naming spec.percona.backup.bucket", () => {
    const spec = {
      storage: STORAGE,
      percona: {
        enabled: true,
        backup: { enabled: true, bucket: "", endpoint: "https://s3.cubbit.eu" },
      },
    };
    expect(problemsOf(() => render("w18", spec))).to.deep.equal([
      "spec.percona.backup.bucket: is required when backup is enabled",
    ]);
  });
});
