/**
 * Moving a server from the 2026-02 object model to v0.29 (README, "Moving a stack from the Feb model to v0.29"): which
 * children keep their identity (type and logical name) and their manifest, which change, and which come and go. The
 * real engine's diff of the same move is tests/e2e/migration.e2e.ts.
 */
import { expect } from "chai";
import type { ChildObject } from "../../src/models/object-model";
import { planServer } from "../../src/pipeline";
import { sealSecrets } from "../../src/secrets/seal";
import type { SecretMaterial } from "../../src/secrets/types";

const POSTGRES = "postgres://dittofs:pw@postgres:5432/dittofs?sslmode=require";
const FEB = {
  operatorRelease: "2026-02",
  namespace: "files",
  storage: { metadataSize: "10Gi", contentSize: "50Gi", cacheSize: "5Gi" },
  smb: { enabled: true },
  metrics: { enabled: true },
  database: { type: "postgres" },
  s3: { region: "eu-west-1", bucket: "b" },
  secretValues: { postgresConnection: POSTGRES, s3: { accessKeyId: "a", secretAccessKey: "b" } },
};
/** FEB with each removed field replaced as its error line says. */
const V029 = {
  operatorRelease: "v0.29",
  namespace: "files",
  storage: { metadataSize: "10Gi", contentSize: "50Gi" },
  metrics: { enabled: true },
  database: { type: "postgres" },
  secretValues: { postgresConnection: POSTGRES },
};
/** A server on Percona's database, in either model. */
const PERCONA = {
  namespace: "files",
  storage: { metadataSize: "10Gi" },
  percona: { enabled: true },
};

/** The children by Pulumi identity (`<kind> <logical name>`), with the same generated values in both models. */
function children(args: Record<string, any>) {
  const { model, plan } = planServer("demo", structuredClone(args) as any);
  const material: SecretMaterial = {
    read: {},
    ...args.secretValues,
    jwtSecret: "j".repeat(43),
    adminInitialPassword: "a".repeat(24),
  };
  const objects: ChildObject[] = model.objects(plan, sealSecrets(model, plan, material, "key"));
  const byId = new Map(objects.map((c) => [`${c.kind} ${c.logicalName}`, c.manifest as any]));
  const passwords = new Map(
    plan.secrets.generate.map((g: any) => [g.logicalName, JSON.stringify(g.password)]),
  );
  return { byId, passwords };
}

describe("moving a server from the 2026-02 object model to v0.29", () => {
  const feb = children(FEB);
  const v029 = children(V029);
  const only = (a: Map<string, unknown>, b: Map<string, unknown>) =>
    [...a.keys()].filter((k) => !b.has(k)).sort();

  it("kept as they are: the admin and PostgreSQL Secrets, the API Service, the PerconaPGCluster", () => {
    for (const id of [
      "Secret demo-admin-secret",
      "Secret demo-postgres-secret",
      "Service demo-api",
    ]) {
      expect(v029.byId.get(id), id).to.be.an("object").and.deep.equal(feb.byId.get(id));
    }
    expect(v029.passwords.get("admin-password")).to.equal(feb.passwords.get("admin-password"));
    const percona = (release: string) =>
      children({ ...PERCONA, operatorRelease: release }).byId.get("CustomResource demo-postgres");
    expect(percona("v0.29")).to.be.an("object").and.deep.equal(percona("2026-02"));
  });

  it("changed under the same names: the JWT secret (generated 43 characters long), the ConfigMap, the headless and metrics Services, the StatefulSet", () => {
    expect(JSON.parse(feb.passwords.get("jwt")!).length).to.equal(32);
    expect(JSON.parse(v029.passwords.get("jwt")!).length).to.equal(43);
    for (const id of [
      "ConfigMap demo-config",
      "Service demo-headless",
      "Service demo-metrics",
      "StatefulSet demo-statefulset",
    ]) {
      expect(v029.byId.get(id), id).to.be.an("object").and.not.deep.equal(feb.byId.get(id));
      expect(v029.byId.get(id).metadata.name, id).to.equal(feb.byId.get(id).metadata.name);
    }
  });

  it("the StatefulSet's claim templates: metadata, content and controlplane as they were (same claims), no cache", () => {
    const templates = (c: { byId: Map<string, any> }) =>
      c.byId.get("StatefulSet demo-statefulset").spec.volumeClaimTemplates;
    const kept = templates(feb).filter((t: any) => t.metadata.name !== "cache");
    expect(templates(feb).map((t: any) => t.metadata.name)).to.include("cache");
    expect(templates(v029)).to.deep.equal(kept);
  });

  it("deleted: the file Service and the S3 credentials; created: the adapter Services and the NetworkPolicies", () => {
    expect(only(feb.byId, v029.byId)).to.deep.equal(["Secret demo-s3-secret", "Service demo-file"]);
    expect(only(v029.byId, feb.byId)).to.deep.equal([
      "NetworkPolicy demo-adapter-nfs-policy",
      "NetworkPolicy demo-adapter-smb-policy",
      "NetworkPolicy demo-baseline-policy",
      "Service demo-adapter-nfs",
      "Service demo-adapter-smb",
    ]);
  });
});
