/**
 * An independent model of what the DittoFS operator of release v0.29.0 converges to for one DittoServer CR, written
 * from the v0.29 delta document (and the Feb operator's document where the delta says "unchanged"), not from src/.
 * The steady state: every pass done, the pod Ready, the operator logged in and the adapters the server reports
 * discovered (a fresh server: NFS 12049 and SMB 1445). Objects in the order the operator first creates them.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { parse } from "yaml";
import { REFERENCE } from "../../helpers/samples";
import {
  activeAdapters,
  adapterContainerPorts,
  adapterPolicyPorts,
  adapterServicePorts,
  FRESH_SERVER_ADAPTERS,
  type DiscoveredAdapter,
} from "./operator-adapters";
import { operatorConfig } from "./operator-config";

type Obj = Record<string, any>;

const CRD_PATH = path.join(REFERENCE, "operator-jul2026", "dittofs.dittofs.com_dittoservers.yaml");

let defaulter: ((spec: Obj) => boolean) | undefined;

/** The API server's defaulting with the v0.29 CRD: nested defaults only inside objects that are given. */
export function crdDefaulted(spec: Obj): Obj {
  if (!defaulter) {
    const crd = parse(fs.readFileSync(CRD_PATH, "utf8"));
    const schema = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    defaulter = new Ajv({ strict: false, useDefaults: true, validateFormats: false }).compile(
      schema,
    );
  }
  const copy = structuredClone(spec);
  if (!defaulter(copy)) throw new Error("the spec is not valid against the v0.29 operator's CRD");
  return copy;
}

/** What the owner reference's uid stands for: the DittoServer's, assigned by the API server. */
export const OWNER_UID = "<uid of the DittoServer>";
/** Values only the operator's run time knows (tokens, its own user's password). */
export const RUNTIME_VALUE = "<runtime>";
export const GENERATED_VALUE = "<generated>";

export const selectorLabels = (name: string) => ({ app: "dittofs-server", instance: name });
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const ref = (name: string, key: string, optional?: boolean) => ({
  secretKeyRef: { name, key, ...(optional ? { optional: true } : {}) },
});
const named = (r: Obj | undefined): r is Obj => r !== undefined && !!r.name;

/** Everything the model needs about the CR, with the operator's fallbacks applied once. */
interface Server {
  name: string;
  namespace: string;
  spec: Obj;
  apiPort: number;
  metricsPort: number;
  metricsPath: string;
  meta: (n: string, extra?: Obj) => Obj;
}

function server(cr: Obj): Server {
  const name: string = cr.metadata.name;
  const namespace: string = cr.metadata.namespace ?? "default";
  const spec = crdDefaulted(cr.spec);
  const owner = {
    apiVersion: "dittofs.dittofs.com/v1alpha1",
    kind: "DittoServer",
    name,
    uid: OWNER_UID,
    controller: true,
    blockOwnerDeletion: true,
  };
  return {
    name,
    namespace,
    spec,
    apiPort: spec.controlPlane?.port || 8080,
    metricsPort: spec.metrics?.port > 0 ? spec.metrics.port : 9090,
    metricsPath: spec.metrics?.path || "/metrics",
    meta: (n, extra = {}) => ({ name: n, namespace, ...extra, ownerReferences: [owner] }),
  };
}

function service(s: Server, n: string, body: Obj, labels: Obj = {}, annotations?: Obj): Obj {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: s.meta(n, {
      labels: { ...selectorLabels(s.name), ...labels },
      ...(annotations ? { annotations } : {}),
    }),
    spec: { ...body, selector: selectorLabels(s.name) },
  };
}

const tcp = (name: string, p: number) => ({ name, port: p, targetPort: p, protocol: "TCP" });

function networkPolicy(s: Server, n: string, labels: Obj, ports: Obj[]): Obj {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: s.meta(n, { labels: { ...selectorLabels(s.name), ...labels } }),
    spec: {
      podSelector: { matchLabels: selectorLabels(s.name) },
      policyTypes: ["Ingress"],
      ingress: [{ ports }],
    },
  };
}

function percona(s: Server): Obj {
  const p = s.spec.percona;
  const backup = p.backup ?? {};
  const backups = backup.enabled
    ? {
        enabled: true,
        pgbackrest: {
          global: {
            "repo1-path": `/pgbackrest/${s.name}/repo1`,
            "repo1-s3-uri-style": "path",
            "repo1-storage-verify-tls": "y",
          },
          ...(named(backup.credentialsSecretRef)
            ? { configuration: [{ secret: { name: backup.credentialsSecretRef.name } }] }
            : {}),
          repos: [
            {
              name: "repo1",
              s3: {
                bucket: backup.bucket,
                endpoint: backup.endpoint,
                region: backup.region || "eu-west-1",
              },
              schedules: {
                full: backup.fullSchedule || "0 2 * * *",
                incremental: backup.incrSchedule || "0 * * * *",
              },
            },
          ],
        },
      }
    : { enabled: false };
  return {
    apiVersion: "pgv2.percona.com/v2",
    kind: "PerconaPGCluster",
    metadata: s.meta(`${s.name}-postgres`),
    spec: {
      crVersion: "2.8.0",
      postgresVersion: 16,
      instances: [
        {
          name: "instance1",
          replicas: p.replicas ?? 1,
          dataVolumeClaimSpec: {
            accessModes: ["ReadWriteOnce"],
            ...(p.storageClassName ? { storageClassName: p.storageClassName } : {}),
            resources: { requests: { storage: p.storageSize || "10Gi" } },
          },
        },
      ],
      users: [{ name: "dittofs", databases: [p.databaseName || "dittofs"] }],
      backups,
    },
  };
}

function env(s: Server): Obj[] {
  const { name, spec } = s;
  const jwt = spec.identity?.jwt?.secretRef;
  const admin = spec.identity?.admin?.passwordSecretRef;
  const out: Obj[] = [
    {
      name: "DITTOFS_CONTROLPLANE_SECRET",
      valueFrom: named(jwt) ? ref(jwt.name, jwt.key) : ref(`${name}-jwt-secret`, "jwt-secret"),
    },
    {
      name: "DITTOFS_ADMIN_INITIAL_PASSWORD",
      valueFrom: admin
        ? ref(admin.name, admin.key)
        : ref(`${name}-admin-bootstrap-credentials`, "password", true),
    },
  ];
  const ldap = spec.identity?.ldap;
  if (ldap?.bindPasswordSecretRef)
    out.push({
      name: "DITTOFS_LDAP_BIND_PASSWORD",
      valueFrom: ref(ldap.bindPasswordSecretRef.name, ldap.bindPasswordSecretRef.key),
    });
  const k = spec.identity?.kerberos;
  const machineSecret = k?.machineAccount?.secretRef;
  if (k?.enabled && k.machineAccount?.enabled && named(machineSecret))
    out.push({
      name: "DITTOFS_KERBEROS_MACHINE_ACCOUNT_SECRET",
      valueFrom: ref(machineSecret.name, machineSecret.key),
    });
  const pg = spec.database?.postgresSecretRef;
  if (pg && !spec.percona?.enabled) {
    for (const key of ["host", "database", "user", "password"])
      out.push({
        name: `DITTOFS_DATABASE_POSTGRES_${key.toUpperCase()}`,
        valueFrom: ref(pg.name, key),
      });
    for (const key of ["port", "sslmode"])
      out.push({
        name: `DITTOFS_DATABASE_POSTGRES_${key.toUpperCase()}`,
        valueFrom: ref(pg.name, key, true),
      });
  }
  if (spec.percona?.enabled)
    out.push({ name: "DATABASE_URL", valueFrom: ref(`${name}-postgres-pguser-dittofs`, "uri") });
  return out;
}

function probe(
  s: Server,
  p: string,
  initialDelaySeconds: number,
  period: number,
  failures: number,
) {
  const cp = s.spec.controlPlane ?? {};
  const handler =
    cp.certSecretName && cp.clientCASecretName
      ? { tcpSocket: { port: s.apiPort } }
      : { httpGet: { path: p, port: s.apiPort, scheme: cp.certSecretName ? "HTTPS" : "HTTP" } };
  // Go's omitempty drops a zero initialDelaySeconds from the object the operator sends.
  return {
    ...handler,
    ...(initialDelaySeconds ? { initialDelaySeconds } : {}),
    periodSeconds: period,
    timeoutSeconds: 5,
    successThreshold: 1,
    failureThreshold: failures,
  };
}

/** The user's container securityContext with the hardening filled in where the user left a field unset. */
function containerSecurityContext(user: Obj | undefined): Obj {
  const c: Obj = structuredClone(user ?? {});
  if (c.allowPrivilegeEscalation === undefined) c.allowPrivilegeEscalation = false;
  if (c.runAsNonRoot === undefined) c.runAsNonRoot = true;
  if (c.capabilities === undefined) c.capabilities = { drop: ["ALL"] };
  else if (c.capabilities.drop === undefined) c.capabilities.drop = ["ALL"];
  if (c.seccompProfile === undefined) c.seccompProfile = { type: "RuntimeDefault" };
  return c;
}

function volumes(s: Server): { volumes: Obj[]; mounts: Obj[] } {
  const { name, spec } = s;
  const mounts: Obj[] = [
    { name: "controlplane", mountPath: "/data/controlplane" },
    { name: "metadata", mountPath: "/data/store/metadata" },
    { name: "config", mountPath: "/config" },
  ];
  if (spec.storage.contentSize) mounts.push({ name: "content", mountPath: "/data/store/block" });
  const vols: Obj[] = [{ name: "config", configMap: { name: `${name}-config` } }];
  const secretVolume = (n: string, at: string, secret: Obj) => {
    vols.push({ name: n, secret });
    mounts.push({ name: n, mountPath: at, readOnly: true });
  };
  const cp = spec.controlPlane ?? {};
  if (cp.certSecretName) {
    secretVolume("tls-cert", "/tls", { secretName: cp.certSecretName });
    if (cp.clientCASecretName)
      secretVolume("tls-client-ca", "/tls-client-ca", { secretName: cp.clientCASecretName });
  }
  const token = spec.metrics?.bearerTokenSecret;
  if (spec.metrics?.enabled && token)
    secretVolume("metrics-token", "/metrics-token", {
      secretName: token.name,
      items: [{ key: token.key, path: "token" }],
    });
  const k = spec.identity?.kerberos;
  if (k?.enabled) {
    if (named(k.keytabSecretRef))
      secretVolume("kerberos-keytab", "/kerberos", {
        secretName: k.keytabSecretRef.name,
        items: [{ key: k.keytabSecretRef.key, path: "dittofs.keytab" }],
        defaultMode: 0o440,
      });
    if (named(k.krb5ConfSecretRef))
      secretVolume("kerberos-krb5", "/kerberos-krb5", {
        secretName: k.krb5ConfSecretRef.name,
        items: [{ key: k.krb5ConfSecretRef.key, path: "krb5.conf" }],
      });
    const mk = k.machineAccount?.keytabSecretRef;
    if (k.machineAccount?.enabled && named(mk))
      secretVolume("kerberos-machine-keytab", "/kerberos-machine", {
        secretName: mk.name,
        items: [{ key: mk.key, path: "machine.keytab" }],
        defaultMode: 0o440,
      });
  }
  return { volumes: vols, mounts };
}

function statefulSet(s: Server, adapterPorts: Obj[]): Obj {
  const { name, spec } = s;
  const storage = spec.storage;
  const sc =
    storage.storageClassName !== undefined ? { storageClassName: storage.storageClassName } : {};
  const claim = (n: string, size: string) => ({
    metadata: { name: n },
    spec: { accessModes: ["ReadWriteOnce"], ...sc, resources: { requests: { storage: size } } },
  });
  const claims = [claim("metadata", storage.metadataSize)];
  if (storage.contentSize) claims.push(claim("content", storage.contentSize));
  claims.push(claim("controlplane", storage.controlPlaneSize || "1Gi"));
  const ports: Obj[] = [{ name: "api", containerPort: s.apiPort, protocol: "TCP" }];
  if (spec.metrics?.enabled)
    ports.push({ name: "metrics", containerPort: s.metricsPort, protocol: "TCP" });
  ports.push(...adapterPorts);
  const { volumes: vols, mounts } = volumes(s);
  const container: Obj = {
    name: "dittofs",
    image: spec.image,
    command: ["/app/dfs"],
    args: ["start", "--foreground", "--config", "/config/config.yaml"],
    volumeMounts: mounts,
    resources: spec.resources ?? {},
    securityContext: containerSecurityContext(spec.securityContext),
    ports,
    env: env(s),
    livenessProbe: probe(s, "/health", 15, 10, 3),
    readinessProbe: probe(s, "/health/ready", 10, 5, 3),
    startupProbe: probe(s, "/health", 0, 5, 30),
    lifecycle: { preStop: { exec: { command: ["/bin/sh", "-c", "sleep 5"] } } },
  };
  const pgSecret = `${name}-postgres-pguser-dittofs`;
  const initContainers = spec.percona?.enabled
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
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: s.meta(name),
    spec: {
      replicas: spec.replicas ?? 1,
      serviceName: `${name}-headless`,
      selector: { matchLabels: selectorLabels(name) },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      volumeClaimTemplates: claims,
      template: {
        metadata: {
          labels: selectorLabels(name),
          annotations: { "dittofs.io/config-hash": "<digest>" },
        },
        spec: {
          automountServiceAccountToken: false,
          securityContext: spec.podSecurityContext ?? { fsGroup: 65532 },
          terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 105,
          ...(initContainers ? { initContainers } : {}),
          containers: [container],
          volumes: vols,
        },
      },
    },
  };
}

/** The operator's objects for one adapter it reports active: its Service and its NetworkPolicy. */
export function adapterObjects(cr: Obj, adapter: { type: string; port: number }): Obj[] {
  const s = server(cr);
  const services = s.spec.adapterServices ?? {};
  const svc = service(
    s,
    `${s.name}-adapter-${adapter.type}`,
    { type: services.type || "LoadBalancer", ports: adapterServicePorts(adapter) },
    { "dittofs.io/adapter-service": "true", "dittofs.io/adapter-type": adapter.type },
    services.annotations,
  );
  const policy = networkPolicy(
    s,
    `${s.name}-adapter-${adapter.type}`,
    { "dittofs.io/adapter-networkpolicy": "true", "dittofs.io/adapter-type": adapter.type },
    adapterPolicyPorts(adapter),
  );
  return [svc, policy];
}

/**
 * The operator's steady state for `cr`. `reported`: what the server's API lists; the operator polls it only once a
 * replica is ready, so with `replicas: 0` nothing is discovered.
 */
export function operatorObjects(
  cr: Obj,
  reported: DiscoveredAdapter[] = FRESH_SERVER_ADAPTERS,
): Obj[] {
  const s = server(cr);
  const { name, spec } = s;
  const running = (spec.replicas ?? 1) > 0;
  const active = running ? activeAdapters(reported) : [];
  const objects: Obj[] = [];

  if (!named(spec.identity?.jwt?.secretRef))
    objects.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: s.meta(`${name}-jwt-secret`),
      data: { "jwt-secret": GENERATED_VALUE },
    });
  if (!spec.identity?.admin?.passwordSecretRef)
    objects.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: s.meta(`${name}-admin-bootstrap-credentials`),
      data: { username: b64("admin"), password: GENERATED_VALUE },
    });
  objects.push({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: s.meta(`${name}-config`),
    data: { "config.yaml": operatorConfig(spec) },
  });
  objects.push(
    service(s, `${name}-headless`, {
      type: "ClusterIP",
      clusterIP: "None",
      ports: [tcp("api", s.apiPort)],
    }),
    service(
      s,
      `${name}-api`,
      { type: spec.service?.type || "LoadBalancer", ports: [tcp("api", s.apiPort)] },
      {},
      spec.service?.annotations,
    ),
  );
  if (spec.metrics?.enabled) {
    const role = { "dittofs.io/metrics-service": "true" };
    objects.push(
      service(
        s,
        `${name}-metrics`,
        { type: "ClusterIP", ports: [tcp("metrics", s.metricsPort)] },
        role,
        {
          "prometheus.io/scrape": "true",
          "prometheus.io/port": String(s.metricsPort),
          "prometheus.io/path": s.metricsPath,
        },
      ),
    );
    const monitor = spec.metrics.serviceMonitor;
    if (monitor?.enabled) {
      // The model's cluster has the ServiceMonitor CRD installed.
      const labels = { ...selectorLabels(name), ...role };
      const token = spec.metrics.bearerTokenSecret;
      objects.push({
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: s.meta(`${name}-metrics`, { labels: { ...monitor.labels, ...labels } }),
        spec: {
          selector: { matchLabels: labels },
          namespaceSelector: { matchNames: [s.namespace] },
          endpoints: [
            {
              port: "metrics",
              path: s.metricsPath,
              ...(monitor.interval ? { interval: monitor.interval } : {}),
              ...(token ? { bearerTokenSecret: { name: token.name, key: token.key } } : {}),
            },
          ],
        },
      });
    }
  }
  if (spec.percona?.enabled) objects.push(percona(s));
  objects.push(statefulSet(s, adapterContainerPorts(active)));
  const baseline = [{ protocol: "TCP", port: s.apiPort }];
  if (spec.metrics?.enabled) baseline.push({ protocol: "TCP", port: s.metricsPort });
  objects.push(
    networkPolicy(s, `${name}-baseline`, { "dittofs.io/baseline-networkpolicy": "true" }, baseline),
  );

  if (!running) return objects;
  // Run time: the operator's own API user, then the adapters it discovers (Services, then NetworkPolicies).
  const scheme = spec.controlPlane?.tls || spec.controlPlane?.certSecretName ? "https" : "http";
  objects.push({
    apiVersion: "v1",
    kind: "Secret",
    type: "Opaque",
    metadata: s.meta(`${name}-operator-credentials`),
    data: {
      username: b64("k8s-operator"),
      password: RUNTIME_VALUE,
      "access-token": RUNTIME_VALUE,
      "refresh-token": RUNTIME_VALUE,
      "server-url": b64(`${scheme}://${name}-api.${s.namespace}.svc.cluster.local:${s.apiPort}`),
    },
  });
  const perAdapter = active.map((a) => adapterObjects(cr, a));
  objects.push(...perAdapter.map(([svc]) => svc), ...perAdapter.map(([, policy]) => policy));
  return objects;
}
