import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import Ajv, { type ValidateFunction } from "ajv";
import { parse } from "yaml";
import { render, find } from "../helpers/render";

const CRD = path.join(
  __dirname,
  "..",
  "..",
  "..",
  "shared",
  "reference",
  "percona",
  "perconapgclusters.pgv2.percona.com-v2.8.2.yaml",
);

let validate: ValidateFunction | undefined;

/** Percona's own CRD schema (v2); ajv cannot run its CEL rules (x-kubernetes-validations), listed below instead. */
function validator(): ValidateFunction {
  if (!validate) {
    const crd = parse(fs.readFileSync(CRD, "utf8"));
    const version = crd.spec.versions.find((v: { name: string }) => v.name === "v2");
    validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(
      version.schema.openAPIV3Schema,
    );
  }
  return validate;
}

function percona(spec: Record<string, unknown>) {
  return find(
    render("pg", { storage: { metadataSize: "1Gi" }, ...spec }),
    "PerconaPGCluster",
    "pg-postgres",
  );
}

describe("PerconaPGCluster", () => {
  it("is valid against Percona's v2.8.2 CRD without backups (backups.enabled false)", () => {
    const obj = percona({ percona: { enabled: true } });
    expect(validator()(obj), JSON.stringify(validator().errors)).to.equal(true);
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
    expect(validator()(obj), JSON.stringify(validator().errors)).to.equal(true);
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
    const result = render("nopg", { storage: { metadataSize: "1Gi" } });
    expect((result.objects as Array<{ kind: string }>).map((o) => o.kind)).not.to.include(
      "PerconaPGCluster",
    );
  });
});
