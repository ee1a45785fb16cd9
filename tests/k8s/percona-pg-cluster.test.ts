import { expect } from "chai";
import { render } from "../helpers/render";
import { objectProblems } from "../verification/k8s-schemas";
import { find } from "../helpers/objects";
import { MINIMAL } from "../helpers/specs";

function percona(spec: Record<string, unknown>) {
  return find(render("pg", { ...MINIMAL, ...spec }), "PerconaPGCluster", "pg-postgres");
}

describe("PerconaPGCluster", () => {
  it("is valid against Percona's v2.8.2 CRD without backups (backups.enabled false)", () => {
    const obj = percona({ percona: { enabled: true } });
    // The shared checker: Percona's CRD closed to unknown fields, with its CEL rules (tests/verification).
    expect(objectProblems(obj)).to.deep.equal([]);
    expect(obj.spec.backups).to.deep.equal({ enabled: false });
  });

  it("is valid against Percona's v2.8.2 CRD with S3 backups, credentials and a storage class", () => {
    const obj = percona({
      percona: {
        enabled: true,
        replicas: 3,
        storageClassName: "fast",
        storageSize: "20Gi",
        databaseName: "ditto",
        backup: {
          enabled: true,
          bucket: "b",
          endpoint: "https://s3.example.com",
          credentialsSecretRef: { name: "pgbackrest-creds" },
        },
      },
    });
    // The shared checker: Percona's CRD closed to unknown fields, with its CEL rules (tests/verification).
    expect(objectProblems(obj)).to.deep.equal([]);
    expect(obj.spec.backups.pgbackrest.repos).to.deep.equal([
      {
        name: "repo1",
        s3: { bucket: "b", endpoint: "https://s3.example.com", region: "eu-west-1" },
        schedules: { full: "0 2 * * *", incremental: "0 * * * *" },
      },
    ]);
    expect(obj.spec.backups.pgbackrest.configuration).to.deep.equal([
      { secret: { name: "pgbackrest-creds" } },
    ]);
    expect(obj.spec.instances[0]).to.include({ name: "instance1", replicas: 3 });
    expect(obj.spec.instances[0].dataVolumeClaimSpec.storageClassName).to.equal("fast");
    expect(obj.spec.users).to.deep.equal([{ name: "dittofs", databases: ["ditto"] }]);
  });

  it("satisfies the CEL rule the operator broke: backups enabled needs a repository", () => {
    // x-kubernetes-validations: "At least one repository must be configured when backups are enabled".
    for (const spec of [
      { percona: { enabled: true } },
      { percona: { enabled: true, backup: { enabled: true, bucket: "b", endpoint: "e" } } },
    ]) {
      const backups = percona(spec).spec.backups;
      expect(backups.enabled === false || backups.pgbackrest.repos.length > 0).to.equal(true);
    }
  });

  it("is not created without percona.enabled", () => {
    const result = render("nopg", MINIMAL);
    expect((result.objects as Array<{ kind: string }>).map((o) => o.kind)).not.to.include(
      "PerconaPGCluster",
    );
  });
});
