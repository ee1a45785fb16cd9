/**
 * The v0.29 operator's StatefulSet: claim templates, the pod (grace period, hardening, probes per TLS mode), the
 * server container's env, mounts and ports. Part of the independent operator model (not from src/).
 */
import { named, ref, selectorLabels, type Server } from "./operator-server";
import type { Obj } from "../../helpers/objects";

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

export function statefulSet(s: Server, adapterPorts: Obj[]): Obj {
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
