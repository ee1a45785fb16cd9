"use strict";
/**
 * Deterministic mixed DittoServer specs for the construction benchmark. None references a Secret (a referenced Secret
 * is a read, measured separately in figure 4): S3 and Postgres come in as `secretValues`.
 *
 * The Feb 2026 object model (`operatorRelease: "2026-02"`), the figures' workload:
 *
 *   i % 4 == 0  minimal: generated JWT + admin password (3 RandomPasswords), SQLite
 *   i % 4 == 1  SMB + metrics, JWT passed as a value
 *   i % 4 == 2  metrics + S3 by secretValues + Postgres connection by secretValues
 *   i % 4 == 3  Percona (deleteWithServer alternating) + SMB + S3 by secretValues
 *
 * The v0.29 object model (the default release), the `v029` workload:
 *
 *   i % 4 == 0  minimal: generated JWT + admin password, SQLite, the default adapters (NFS, SMB)
 *   i % 4 == 1  NFS + SMB on other ports, metrics with a ServiceMonitor, JWT passed as a value
 *   i % 4 == 2  metrics + Postgres connection by secretValues, resources
 *   i % 4 == 3  Percona (deleteWithServer alternating), NFS only, NodePort adapter Services
 */
function spec(i) {
  return { operatorRelease: "2026-02", ...febSpec(i) };
}

/** The workload of the Feb 2026 object model (the bench's reference since before the v0.29 model). */
function febSpec(i) {
  const namespace = `team-${i % 5}`;
  const storage = { metadataSize: "10Gi", cacheSize: "5Gi", contentSize: "50Gi" };
  const s3Values = {
    accessKeyId: `AKIA${String(i).padStart(12, "0")}`,
    secretAccessKey: `secret-access-key-${i}-0123456789abcdef`,
    endpoint: "https://s3.example.com",
  };
  switch (i % 4) {
    case 0:
      return { namespace, storage: { metadataSize: "1Gi" } };
    case 1:
      return {
        namespace,
        storage,
        smb: { enabled: true },
        metrics: { enabled: true },
        secretValues: { jwtSecret: `jwt-${i}-0123456789abcdef0123456789abcdef` },
      };
    case 2:
      return {
        namespace,
        storage,
        metrics: { enabled: true, port: 9100 },
        database: { type: "postgres" },
        s3: { region: "eu-west-1", bucket: `bucket-${i}` },
        secretValues: {
          s3: s3Values,
          postgresConnection: `postgres://ditto:pw${i}@db.example:5432/ditto${i}?sslmode=require`,
        },
        resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
      };
    default:
      return {
        namespace,
        storage,
        smb: { enabled: true, port: 12446 },
        percona: { enabled: true, deleteWithServer: i % 8 === 7, replicas: 2 },
        s3: { region: "eu-west-1" },
        secretValues: { s3: s3Values },
      };
  }
}

/** The workload of the v0.29 object model: the same four kinds of server, in that model's terms. */
function v029Spec(i) {
  const namespace = `team-${i % 5}`;
  const storage = { metadataSize: "10Gi", contentSize: "50Gi" };
  switch (i % 4) {
    case 0:
      return { operatorRelease: "v0.29", namespace, storage: { metadataSize: "1Gi" } };
    case 1:
      return {
        operatorRelease: "v0.29",
        namespace,
        storage,
        adapters: [
          { type: "nfs", port: 2049 },
          { type: "smb", port: 12446 },
        ],
        metrics: { enabled: true, serviceMonitor: { enabled: true } },
        secretValues: { jwtSecret: `jwt-${i}-0123456789abcdef0123456789abcdef` },
      };
    case 2:
      return {
        operatorRelease: "v0.29",
        namespace,
        storage,
        metrics: { enabled: true, port: 9100 },
        database: { type: "postgres" },
        secretValues: {
          postgresConnection: `postgres://ditto:pw${i}@db.example:5432/ditto${i}?sslmode=require`,
        },
        resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
      };
    default:
      return {
        operatorRelease: "v0.29",
        namespace,
        storage,
        adapters: [{ type: "nfs", port: 12049 }],
        adapterServices: { type: "NodePort" },
        percona: { enabled: true, deleteWithServer: i % 8 === 7, replicas: 2 },
      };
  }
}

const WORKLOADS = { feb: spec, v029: v029Spec };

/** `count` servers named srv-0 … srv-(count-1) of a workload (`feb`, the default, or `v029`). */
function servers(count, workload = "feb") {
  const make = WORKLOADS[workload];
  if (!make) throw new Error(`unknown workload ${workload}: ${Object.keys(WORKLOADS).join(", ")}`);
  return Array.from({ length: count }, (_, i) => ({ name: `srv-${i}`, args: make(i) }));
}

module.exports = { spec, v029Spec, servers, WORKLOADS };

/** The example scenario (examples/typescript/scenario.ts with its defaults), as plain values: the v0.29 model. */
function exampleArgs() {
  return {
    namespace: "default",
    storage: { metadataSize: "10Gi", contentSize: "50Gi" },
    metrics: { enabled: true },
    database: { type: "postgres" },
    secretValues: {
      postgresConnection:
        "postgres://dittofs:example-postgres-password@postgres:5432/dittofs?sslmode=require",
    },
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
  };
}

module.exports.exampleArgs = exampleArgs;
