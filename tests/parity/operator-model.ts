/**
 * An independent model of what the Feb 2026 operator creates for one DittoServer CR, written from
 * operator-behavior.md §2-§5 (not from src/). The parity tests apply the README's deviation table to these objects
 * and compare the result with `dittofs render`.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { parse } from "yaml";
import { REFERENCE } from "../helpers/samples";
import type { Obj } from "../helpers/objects";

const CRD_PATH = path.join(REFERENCE, "operator-feb2026", "dittofs.dittofs.com_dittoservers.yaml");

let defaulter: ((spec: Obj) => boolean) | undefined;

/** The API server's CRD defaulting, with the shipped (stale) CRD: nested defaults only inside given objects. */
export function crdDefaulted(spec: Obj): Obj {
  if (!defaulter) {
    const crd = parse(fs.readFileSync(CRD_PATH, "utf8"));
    const schema = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    defaulter = new Ajv({ strict: false, useDefaults: true, validateFormats: false }).compile(
      schema,
    );
  }
  const copy = structuredClone(spec);
  if (!defaulter(copy)) throw new Error("the sample is not valid against the operator's CRD");
  return copy;
}

const LABELS = (name: string) => ({ app: "dittofs-server", instance: name });
const port = (name: string, p: number) => ({ name, port: p, targetPort: p, protocol: "TCP" });

function febConfig(spec: Obj): string {
  const pg = spec.database?.postgresSecretRef !== undefined;
  const sqlitePath =
    !spec.database?.type || spec.database.type === "sqlite"
      ? (spec.database?.sqlite?.path ?? "/data/controlplane/controlplane.db")
      : "/data/controlplane/controlplane.db";
  const jwt = spec.identity?.jwt ?? {};
  return [
    "logging:",
    "    level: INFO",
    "    format: json",
    "    output: stdout",
    "shutdown_timeout: 30s",
    "database:",
    `    type: ${pg ? "postgres" : "sqlite"}`,
    ...(pg ? [] : ["    sqlite:", `        path: ${sqlitePath}`]),
    "metrics:",
    `    enabled: ${spec.metrics?.enabled === true}`,
    `    port: ${spec.metrics?.port || 9090}`,
    "controlplane:",
    `    port: ${spec.controlPlane?.port || 8080}`,
    "    jwt:",
    `        issuer: ${jwt.issuer || "dittofs"}`,
    `        access_token_duration: ${jwt.accessTokenDuration || "15m"}`,
    `        refresh_token_duration: ${jwt.refreshTokenDuration || "168h"}`,
    "cache:",
    `    path: ${spec.cache?.path || "/data/cache"}`,
    `    size: ${spec.cache?.size || "1GB"}`,
    "admin:",
    `    username: ${spec.identity?.admin?.username || "admin"}`,
    "",
  ].join("\n");
}

const ref = (name: string, key: string, optional?: boolean) => ({
  secretKeyRef: { name, key, ...(optional ? { optional: true } : {}) },
});

function febEnv(name: string, spec: Obj): Obj[] {
  const jwtRef = spec.identity?.jwt?.secretRef;
  const env: Obj[] = [
    {
      name: "DITTOFS_CONTROLPLANE_JWT_SECRET",
      valueFrom: jwtRef?.name
        ? ref(jwtRef.name, jwtRef.key)
        : ref(`${name}-jwt-secret`, "jwt-secret"),
    },
  ];
  const admin = spec.identity?.admin?.passwordSecretRef;
  if (admin)
    env.push({ name: "DITTOFS_ADMIN_PASSWORD_HASH", valueFrom: ref(admin.name, admin.key) });
  const pg = spec.database?.postgresSecretRef;
  if (pg && !spec.percona?.enabled)
    env.push({ name: "DITTOFS_DATABASE_POSTGRES", valueFrom: ref(pg.name, pg.key) });
  const s3 = spec.s3?.credentialsSecretRef;
  if (s3) {
    env.push(
      {
        name: "AWS_ACCESS_KEY_ID",
        valueFrom: ref(s3.secretName, s3.accessKeyIdKey || "accessKeyId"),
      },
      {
        name: "AWS_SECRET_ACCESS_KEY",
        valueFrom: ref(s3.secretName, s3.secretAccessKeyKey || "secretAccessKey"),
      },
      {
        name: "AWS_ENDPOINT_URL",
        valueFrom: ref(s3.secretName, s3.endpointKey || "endpoint", true),
      },
    );
    if (spec.s3.region) env.push({ name: "AWS_REGION", value: spec.s3.region });
  }
  if (spec.percona?.enabled) {
    env.push({ name: "DATABASE_URL", valueFrom: ref(`${name}-postgres-pguser-dittofs`, "uri") });
  }
  return env;
}

function probe(
  p: string,
  apiPort: number,
  initialDelaySeconds: number,
  periodSeconds: number,
  failureThreshold: number,
) {
  // Go's omitempty drops a zero initialDelaySeconds from the object the operator sends.
  return {
    httpGet: { path: p, port: apiPort },
    ...(initialDelaySeconds ? { initialDelaySeconds } : {}),
    periodSeconds,
    timeoutSeconds: 5,
    successThreshold: 1,
    failureThreshold,
  };
}

export function operatorObjects(cr: Obj): Obj[] {
  const name: string = cr.metadata.name;
  const namespace: string = cr.metadata.namespace ?? "default";
  const spec = crdDefaulted(cr.spec);
  const meta = (n: string, extra: Obj = {}) => ({ name: n, namespace, ...extra });
  const objects: Obj[] = [];

  if (!spec.identity?.jwt?.secretRef?.name) {
    objects.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: meta(`${name}-jwt-secret`),
      data: { "jwt-secret": "<generated>" },
    });
  }
  objects.push({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: meta(`${name}-config`),
    data: { "config.yaml": febConfig(spec) },
  });

  const nfsPort = spec.nfsPort || 12049;
  const svcType = spec.service?.type || "LoadBalancer";
  const svcAnnotations = spec.service?.annotations;
  const service = (n: string, s: Obj, annotations?: Obj) => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(n, { labels: LABELS(name), ...(annotations ? { annotations } : {}) }),
    spec: { ...s, selector: LABELS(name) },
  });
  objects.push(
    service(`${name}-headless`, {
      type: "ClusterIP",
      clusterIP: "None",
      ports: [port("nfs", nfsPort)],
    }),
  );
  const filePorts = [port("nfs", nfsPort)];
  if (spec.smb?.enabled) filePorts.push(port("smb", spec.smb.port || 12445));
  objects.push(service(`${name}-file`, { type: svcType, ports: filePorts }, svcAnnotations));
  const apiPort = spec.controlPlane?.port || 8080;
  objects.push(
    service(`${name}-api`, { type: svcType, ports: [port("api", apiPort)] }, svcAnnotations),
  );
  const metricsPort = spec.metrics?.port || 9090;
  if (spec.metrics?.enabled)
    objects.push(
      service(`${name}-metrics`, { type: "ClusterIP", ports: [port("metrics", metricsPort)] }),
    );

  const percona = spec.percona;
  if (percona?.enabled) {
    objects.push({
      apiVersion: "pgv2.percona.com/v2",
      kind: "PerconaPGCluster",
      metadata: meta(`${name}-postgres`),
      spec: {
        crVersion: "2.8.0",
        postgresVersion: 16,
        instances: [
          {
            name: "instance1",
            replicas: percona.replicas ?? 1,
            dataVolumeClaimSpec: {
              accessModes: ["ReadWriteOnce"],
              ...(percona.storageClassName ? { storageClassName: percona.storageClassName } : {}),
              resources: { requests: { storage: percona.storageSize || "10Gi" } },
            },
          },
        ],
        users: [{ name: "dittofs", databases: [percona.databaseName || "dittofs"] }],
        backups: { pgbackrest: { repos: null } },
      },
    });
  }

  const storage = spec.storage;
  const sc =
    storage.storageClassName !== undefined ? { storageClassName: storage.storageClassName } : {};
  const claim = (n: string, size: string) => ({
    metadata: { name: n },
    spec: { accessModes: ["ReadWriteOnce"], ...sc, resources: { requests: { storage: size } } },
  });
  const claims = [claim("metadata", storage.metadataSize)];
  if (storage.contentSize) claims.push(claim("content", storage.contentSize));
  claims.push(claim("cache", storage.cacheSize));
  const mounts = [
    { name: "metadata", mountPath: "/data/metadata" },
    { name: "cache", mountPath: "/data/cache" },
    { name: "config", mountPath: "/config" },
  ];
  if (storage.contentSize) mounts.push({ name: "content", mountPath: "/data/content" });
  const ports = [
    { name: "nfs", containerPort: nfsPort, protocol: "TCP" },
    { name: "api", containerPort: apiPort, protocol: "TCP" },
  ];
  if (spec.metrics?.enabled)
    ports.push({ name: "metrics", containerPort: metricsPort, protocol: "TCP" });
  if (spec.smb?.enabled)
    ports.push({ name: "smb", containerPort: spec.smb.port || 12445, protocol: "TCP" });
  const container: Obj = {
    name: "dittofs",
    image: spec.image,
    command: ["/app/dittofs"],
    args: ["start", "--foreground", "--config", "/config/config.yaml"],
    ports,
    env: febEnv(name, spec),
    volumeMounts: mounts,
    resources: spec.resources ?? {},
    ...(spec.securityContext ? { securityContext: spec.securityContext } : {}),
    livenessProbe: probe("/health", apiPort, 15, 10, 3),
    readinessProbe: probe("/health/ready", apiPort, 10, 5, 3),
    startupProbe: probe("/health", apiPort, 0, 5, 30),
    lifecycle: { preStop: { exec: { command: ["/bin/sh", "-c", "sleep 5"] } } },
  };
  const pgSecret = `${name}-postgres-pguser-dittofs`;
  const initContainers = percona?.enabled
    ? [
        {
          name: "wait-for-postgres",
          image: "postgres:16-alpine",
          command: ["/bin/sh", "-c", "<wait script>"],
          env: [
            ["PGHOST", "host"],
            ["PGPORT", "port"],
            ["PGUSER", "user"],
            ["PGPASSWORD", "password"],
            ["PGDATABASE", "dbname"],
          ].map(([n, k]) => ({ name: n, valueFrom: ref(pgSecret, k) })),
        },
      ]
    : undefined;
  objects.push({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: meta(name),
    spec: {
      replicas: spec.replicas ?? 1,
      serviceName: `${name}-headless`,
      selector: { matchLabels: LABELS(name) },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      volumeClaimTemplates: claims,
      template: {
        metadata: { labels: LABELS(name), annotations: { "dittofs.io/config-hash": "<digest>" } },
        spec: {
          securityContext: spec.podSecurityContext ?? { fsGroup: 65532 },
          ...(initContainers ? { initContainers } : {}),
          containers: [container],
          volumes: [{ name: "config", configMap: { name: `${name}-config` } }],
        },
      },
    },
  });
  return objects;
}
