/**
 * Moving a stack from the Feb 2026 object model to v0.29 with the real engine (issue 15): what `pulumi preview --diff`
 * says the migration does, and that the volumes of the Feb StatefulSet serve the new one. The fixture is
 * tests/e2e/programs/migrate (config `operatorRelease` picks the model).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Cluster } from "./cluster";
import { expectGolden } from "./golden";
import { expectNoPlaintext, steps } from "./preview";
import { must } from "./shell";
import { Stack } from "./stack";
import { missing, REPO } from "./toolchain";
import type { Obj } from "../helpers/objects";

const PLAINTEXTS = [
  "e2e-migrate-postgres-password",
  "e2e-migrate-access-key-id",
  "e2e-migrate-secret-access-key",
];
const NS = "migrate";
/** The claims of both StatefulSets: the v0.29 one names the same templates, so it mounts the same volumes. */
const KEPT_CLAIMS = ["metadata-migrate-0", "content-migrate-0", "controlplane-migrate-0"];
/** The Feb model's cache (WAL) claim: nothing mounts it after the move. */
const ORPHANED_CLAIM = "cache-migrate-0";

describe("e2e: moving a stack from the 2026-02 object model to v0.29", function () {
  this.timeout(15 * 60 * 1000);
  const run = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-e2e-migrate-"));
  const cluster = new Cluster(run);
  let skip = missing("engine", "cluster");
  let stack: Stack | undefined;

  before(function () {
    if (skip) return;
    skip = cluster.start();
    if (skip) return;
    must(cluster.kubectl("create", "namespace", NS), "create namespace");
  });

  after(() => {
    cluster.stop();
    stack?.cleanup();
  });

  beforeEach(function () {
    if (skip) {
      console.log(`      skipped: ${skip}`);
      this.skip();
    }
  });

  /** Object name → uid, for one kind in the namespace: the same uid is the same object. */
  const uids = (kind: string): Record<string, string> =>
    Object.fromEntries(
      cluster.getJson("-n", NS, kind).items.map((c: Obj) => [c.metadata.name, c.metadata.uid]),
    );
  const claims = () => uids("pvc");

  it("8. preview --diff shows what the move replaces; up re-uses the claims and orphans the cache claim", () => {
    stack = new Stack(
      path.join(REPO, "tests", "e2e", "programs", "migrate"),
      path.join(run, "state"),
      cluster.kubeconfig,
    );
    stack.init().config("operatorRelease", "2026-02");
    expectNoPlaintext(stack.up().stdout, PLAINTEXTS);
    const feb = stack.outputs();
    expect(feb.nfsEndpoint).to.equal("migrate-file.migrate.svc.cluster.local:12049");
    const before = claims();
    expect(Object.keys(before)).to.include.members([...KEPT_CLAIMS, ORPHANED_CLAIM]);
    const secretsBefore = uids("secret");

    stack.config("operatorRelease", "v0.29");
    const preview = stack.preview().stdout;
    expectNoPlaintext(preview, PLAINTEXTS);
    const did = steps(preview).filter((s) => !/ (read|same) /.test(s));
    const component = "dittofs:index:DittoServer";
    expect(did.filter((s) => !s.startsWith(component)).sort()).to.deep.equal(
      [
        // The claim templates change (no cache): the StatefulSet is replaced; its claims are retained.
        "kubernetes:apps/v1:StatefulSet replace migrate-statefulset",
        // New config content; the provider replaces a ConfigMap rather than edit it.
        "kubernetes:core/v1:ConfigMap replace migrate-config",
        // The headless Service exposes the API instead of NFS; the metrics Service gains the Prometheus annotations.
        "kubernetes:core/v1:Service update migrate-headless",
        "kubernetes:core/v1:Service update migrate-metrics",
        // The file Service goes; each adapter gets its own Service and NetworkPolicy.
        "kubernetes:core/v1:Service delete migrate-file",
        "kubernetes:core/v1:Service create migrate-adapter-nfs",
        "kubernetes:core/v1:Service create migrate-adapter-smb",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy create migrate-baseline-policy",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy create migrate-adapter-nfs-policy",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy create migrate-adapter-smb-policy",
        // S3 credentials leave the server (they belong to payload stores, made through the API).
        "kubernetes:core/v1:Secret delete migrate-s3-secret",
        // The generated JWT secret grows from 32 to 43 characters: a new value, and the provider replaces a Secret
        // whose data changes.
        "random:index/randomPassword:RandomPassword replace migrate-jwt",
        "kubernetes:core/v1:Secret replace migrate-jwt-secret",
      ].sort(),
    );
    // Kept as they are: the admin password, the API Service, and the admin and PostgreSQL Secrets (each owned
    // Secret's data is sealed from its own values only, so the new JWT secret leaves them known and the same).
    for (const kept of [
      "migrate-admin-password",
      "migrate-api",
      "migrate-admin-secret",
      "migrate-postgres-secret",
    ]) {
      expect(did.join("\n")).not.to.match(new RegExp(` ${kept}$`, "m"));
    }
    expectGolden("8-migrate-2026-02-to-v0.29", preview);

    const up = stack.up().stdout;
    expectNoPlaintext(up, PLAINTEXTS);
    const secretsAfter = uids("secret");
    // The up knows every value: the admin and PostgreSQL Secrets stay the same objects; only the JWT one is new.
    for (const kept of ["migrate-admin-bootstrap-credentials", "migrate-postgres-connection"])
      expect(secretsAfter[kept], kept).to.equal(secretsBefore[kept]);
    expect(secretsAfter["migrate-jwt-secret"])
      .to.be.a("string")
      .and.not.equal(secretsBefore["migrate-jwt-secret"]);
    expect(secretsAfter).not.to.have.property("migrate-s3-credentials");
    const after = claims();
    for (const claim of KEPT_CLAIMS) expect(after[claim], claim).to.equal(before[claim]);
    expect(after[ORPHANED_CLAIM], ORPHANED_CLAIM).to.equal(before[ORPHANED_CLAIM]);
    const sts = cluster.getJson("-n", NS, "statefulset", "migrate");
    expect(sts.spec.volumeClaimTemplates.map((c: Obj) => c.metadata.name)).to.deep.equal([
      "metadata",
      "content",
      "controlplane",
    ]);
    // The new pod mounts the retained claims, at the v0.29 paths.
    const pod = cluster.getJson("-n", NS, "pod", "migrate-0");
    const claimOf = Object.fromEntries(
      pod.spec.volumes
        .filter((v: Obj) => v.persistentVolumeClaim)
        .map((v: Obj) => [v.name, v.persistentVolumeClaim.claimName]),
    );
    expect(claimOf).to.deep.equal({
      metadata: "metadata-migrate-0",
      content: "content-migrate-0",
      controlplane: "controlplane-migrate-0",
    });
    const mounts = Object.fromEntries(
      pod.spec.containers[0].volumeMounts.map((m: Obj) => [m.name, m.mountPath]),
    );
    expect(mounts).to.include({
      metadata: "/data/store/metadata",
      content: "/data/store/block",
      controlplane: "/data/controlplane",
    });
    expect(cluster.kubectl("-n", NS, "get", "service", "migrate-file").code).not.to.equal(0);
    const v029 = stack.outputs();
    expect(v029.nfsEndpoint).to.equal("migrate-adapter-nfs.migrate.svc.cluster.local:12049");
    expect(v029.smbEndpoint).to.equal("migrate-adapter-smb.migrate.svc.cluster.local:1445");
    expect(v029.adminPassword).to.equal(feb.adminPassword);
    // --diff: a failure shows what changed.
    stack.up("--expect-no-changes", "--diff");
  });
});
