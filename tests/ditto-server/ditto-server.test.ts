import { expect } from "chai";
import { deploy } from "../helpers/component";
import { putClusterSecret, registered, secretReadCount, valueOf } from "../helpers/mocks";
import { captureWarnings } from "../helpers/mocked-program";
import { MINIMAL } from "../helpers/specs";

describe("DittoServer component", () => {
  const warnings = captureWarnings();

  it("registers the operator's objects with names derived from the resource name", async () => {
    const d = await deploy("basic", { storage: { metadataSize: "10Gi" } });
    const kinds = d.children
      .filter((c) => !c.read)
      .map((c) => `${c.type} ${c.inputs.metadata?.name ?? c.name}`);
    expect(kinds).to.have.members([
      "random:index/randomPassword:RandomPassword basic-jwt",
      "random:index/randomPassword:RandomPassword basic-admin-password",
      "random:index/randomPassword:RandomPassword basic-config-hash-key",
      "kubernetes:core/v1:Secret basic-jwt-secret",
      "kubernetes:core/v1:Secret basic-admin-bootstrap-credentials",
      "kubernetes:core/v1:ConfigMap basic-config",
      "kubernetes:core/v1:Service basic-headless",
      "kubernetes:core/v1:Service basic-file",
      "kubernetes:core/v1:Service basic-api",
      "kubernetes:apps/v1:StatefulSet basic",
    ]);
    expect(await valueOf(d.server.nfsEndpoint)).to.equal(
      "basic-file.default.svc.cluster.local:12049",
    );
    expect(await valueOf(d.server.apiEndpoint)).to.equal(
      "basic-api.default.svc.cluster.local:8080",
    );
    expect(await valueOf(d.server.smbEndpoint)).to.equal("");
  });

  it("puts the config hash on the pod template and exposes it", async () => {
    const d = await deploy("hashed", { storage: { metadataSize: "10Gi" } });
    const sts = d.one("kubernetes:apps/v1:StatefulSet", "statefulset");
    const annotation = sts.inputs.spec.template.metadata.annotations["dittofs.io/config-hash"];
    expect(annotation).to.match(/^[0-9a-f]{64}$/);
    expect(await valueOf(d.server.configHash)).to.equal(annotation);
  });

  it("reads each referenced Secret once, through a read of namespace/name", async () => {
    putClusterSecret("refs", "shared", {
      jwt: "x".repeat(40),
      hash: "$2a$10$abc",
      pw: "initial-pass",
    });
    await deploy("reads", {
      namespace: "refs",
      ...MINIMAL,
      identity: {
        jwt: { secretRef: { name: "shared", key: "jwt" } },
        admin: {
          passwordSecretRef: { name: "shared", key: "hash" },
          initialPasswordSecretRef: { name: "shared", key: "pw" },
        },
      },
    });
    expect(secretReadCount.get("refs/shared")).to.equal(1);
    // The admin hash is passed on for parity only: the component says so, once.
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.include("spec.identity.admin.passwordSecretRef");
    expect(
      registered.filter((r) => r.read && r.name.startsWith("reads-")).map((r) => r.id),
    ).to.deep.equal(["refs/shared"]);
  });

  it("throws before registering anything when the spec is invalid", () => {
    const before = registered.length;
    expect(
      () =>
        new (require("../../src/ditto-server").DittoServer)("bad", {
          storage: { metadataSize: "10GB" },
        }),
    ).to.throw('spec.storage.metadataSize: "10GB" must match ^[0-9]+(Gi|Mi|Ti)$');
    expect(registered.length).to.equal(before);
  });
});
