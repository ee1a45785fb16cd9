// e2e fixture (not an example): the same server in either object model, as the README's migration section moves it
// (the Feb example's shape: NFS + SMB, S3 credentials and a PostgreSQL connection as secret values, metrics).
import * as pulumi from "@pulumi/pulumi";
import { DittoServer, type DittoServerArgs } from "../../../../lib";

const config = new pulumi.Config();
const postgresConnection = pulumi.secret(
  "postgres://dittofs:e2e-migrate-postgres-password@postgres:5432/dittofs?sslmode=require",
);
const feb: DittoServerArgs = {
  operatorRelease: "2026-02",
  namespace: "migrate",
  storage: { metadataSize: "1Gi", contentSize: "2Gi", cacheSize: "1Gi" },
  smb: { enabled: true },
  metrics: { enabled: true },
  s3: { region: "eu-west-1", bucket: "dittofs-migrate" },
  secretValues: {
    postgresConnection,
    s3: {
      accessKeyId: pulumi.secret("e2e-migrate-access-key-id"),
      secretAccessKey: pulumi.secret("e2e-migrate-secret-access-key"),
    },
  },
};
// Each removed field replaced as its error line says: smb → the default adapters, s3 and cacheSize dropped.
const v029: DittoServerArgs = {
  operatorRelease: "v0.29",
  namespace: "migrate",
  storage: { metadataSize: "1Gi", contentSize: "2Gi" },
  metrics: { enabled: true },
  database: { type: "postgres" },
  secretValues: { postgresConnection },
};

const server = new DittoServer("migrate", config.get("operatorRelease") === "2026-02" ? feb : v029);

export const nfsEndpoint = server.nfsEndpoint;
export const smbEndpoint = server.smbEndpoint;
export const configHash = server.configHash;
export const adminPassword = server.adminPassword;
