/**
 * An independent model of what the DittoFS operator of release v0.29.0 converges to for one DittoServer CR, written
 * from the v0.29 delta document (and the Feb operator's document where the delta says "unchanged"), not from src/.
 * The steady state: every pass done, the pod Ready, the operator logged in and the adapters the server reports
 * discovered (a fresh server: NFS 12049 and SMB 1445). Objects in the order the operator first creates them.
 */
import {
  activeAdapters,
  adapterContainerPorts,
  adapterPolicyPorts,
  adapterServicePorts,
  FRESH_SERVER_ADAPTERS,
  type DiscoveredAdapter,
} from "./operator-adapters";
import { operatorConfig } from "./operator-config";
import { statefulSet } from "./operator-pod";
import {
  GENERATED_VALUE,
  named,
  RUNTIME_VALUE,
  selectorLabels,
  server,
  type Server,
} from "./operator-server";
import type { Obj } from "../../helpers/objects";
import { b64 } from "../../helpers/base64";

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
