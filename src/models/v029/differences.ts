/**
 * Where the v0.29 model differs from what the DittoFS operator of release v0.29.0 converges to, and why: the README's
 * v0.29 table (generated from this list) and the v0.29 parity tests' data. Code comments cite rows by id.
 */
import type { Difference } from "../object-model";

export const DIFFERENCES: Difference[] = [
  {
    id: "declared-adapters",
    rule: "Adapters are declared in `spec.adapters` (default NFS 12049 and SMB 1445, what a fresh server creates): their Services `<name>-adapter-<type>`, container ports and NetworkPolicies are rendered from the first rollout, in the operator's steady-state shapes and order. `spec.adapterDiscovery` is validated and has no effect.",
    reason:
      "A deployment tool has no session with the server to discover adapters; declaring them gives the same objects without the operator's two pod restarts at first discovery.",
  },
  {
    id: "rest-only-settings",
    rule: "The NFS portmapper ports (111→10111) are always rendered for an NFS adapter; the portmapper itself, an adapter port other than the server's default, NFS over UDP, mDNS and WS-Discovery are switched on through the server's REST API (dfsctl).",
    reason:
      "Only the REST API can change them (the operator patches the portmapper on at run time); an unused port is harmless.",
  },
  {
    id: "service-type-default",
    rule: "Without a `service:` block the API Service is `ClusterIP`, not `LoadBalancer`; adapter Services default to `LoadBalancer` as in the operator.",
    reason:
      "The CRD default (ClusterIP) applies only inside a given block; the controller's LoadBalancer fallback exposes the API by surprise.",
  },
  {
    id: "service-links",
    rule: "`enableServiceLinks: false` on the pod.",
    reason:
      "A server named `dittofs` with metrics gets a Service `dittofs-metrics`, whose service link DITTOFS_METRICS_PORT=tcp://... overrides metrics.port: the v0.29 server dies at start.",
  },
  {
    id: "percona-database",
    rule: "With `percona.enabled` the config says `type: postgres` and the env `DITTOFS_DATABASE_POSTGRES_*` comes from Percona's `<name>-postgres-pguser-dittofs` (host, port, dbname, user, password; sslmode `require`), after `DATABASE_URL`; Percona wins over `database.postgresSecretRef`, with the operator's warning.",
    reason:
      "The operator leaves the server on SQLite (or, with a postgresSecretRef too, on a host named `placeholder`), so the Percona database is unused or the server cannot start.",
  },
  {
    id: "postgres-placeholders",
    rule: "The config's `database.postgres` block holds `\"\"` for host, database, user and password (the env vars carry the values), never the operator's `placeholder`.",
    reason: "A placeholder host is a real host name to the server when an env var is missing.",
  },
  {
    id: "postgres-connection-value",
    rule: "`secretValues.postgresConnection` (a URL or key=value string) is split into the owned Secret `<name>-postgres-connection` with the fixed keys the server's env reads.",
    reason:
      "A deployment without a pre-existing Secret (render, GitOps with sealed values) still gets PostgreSQL.",
  },
  {
    id: "generated-secrets",
    rule: "`<name>-jwt-secret` (43 characters of `[A-Za-z0-9_-]`) and `<name>-admin-bootstrap-credentials` (`username: admin`, 24-character `password`) are generated at deploy time (`@pulumi/random`, kept in state; `dittofs render` reuses them from its input); the admin password is a secret output.",
    reason:
      "The operator generates them in the cluster at run time; a deployment tool must own them to hash them and to roll the pod when they change.",
  },
  {
    id: "jwt-secretref-optional",
    rule: "`identity.jwt.secretRef` is optional: durations may be set while the JWT secret is generated.",
    reason: "The CRD requires `secretRef: {key: <anything>}` with an empty name for that.",
  },
  {
    id: "config-hash",
    rule: "`dittofs.io/config-hash` is an HMAC-SHA256 (key: a random value kept in state) over the config and every Secret the pod reads through env; no `gen:<generation>`; the config is length-prefixed.",
    reason:
      "A plain digest shown in previews would let anyone test guesses of a secret; only real changes should roll the pod.",
  },
  {
    id: "hash-ldap-bind-password",
    rule: "The LDAP bind password is hashed (`ldap:<secret>:<key>`): rotating it rolls the pod.",
    reason:
      "The server reads it from env at start only, as the machine-account password, which the operator does hash.",
  },
  {
    id: "service-monitor",
    rule: "The ServiceMonitor is created whenever `metrics.enabled` and `metrics.serviceMonitor.enabled`; a cluster without its CRD fails the deployment.",
    reason:
      "A deployment tool does not discover CRDs at preview time; a silent skip would hide a missing Prometheus operator.",
  },
  {
    id: "percona-await",
    rule: "The PerconaPGCluster carries `pulumi.com/waitFor: jsonpath={.status.state}=ready` and the StatefulSet depends on it; it is kept on destroy unless `percona.deleteWithServer` (`retainOnDelete`).",
    reason:
      "Pulumi's equivalent of the operator's readiness gate and orphaning, without its 60 s window.",
  },
  {
    id: "no-runtime-client",
    rule: "No `<name>-operator-credentials` Secret, no `k8s-operator` API user, no status conditions; children carry no ownerReferences and Pulumi deletes them (PVCs are retained by the StatefulSet's policy).",
    reason:
      "Pulumi, not a controller, owns the lifecycle; the component has no session with the server, and the operator's own user cannot even change adapter settings (403).",
  },
  {
    id: "snapshot-policies",
    rule: "`spec.snapshotPolicies` is validated and not applied; a non-empty list warns once.",
    reason: "Only the server's REST API applies them, once the shares exist.",
  },
  {
    id: "validation-objects",
    rule: "What the API server or the kubelet would reject in the objects is an error with its field path: an empty image, claims of size zero, StorageClass, Secret names and keys no object can carry, negative or overcommitted resources, a ServiceMonitor interval outside prometheus-operator's duration syntax, and a security context the hardening makes invalid (`privileged` or CAP_SYS_ADMIN while `allowPrivilegeEscalation` is false, uid 0 while `runAsNonRoot` is true).",
    reason:
      "The operator renders these objects and fills in the hardening the same way; the API server then rejects them, or the kubelet never starts the pod.",
  },
  {
    id: "validation-static",
    rule: "Every webhook error is raised before anything is registered, with the field path, plus: two pod listeners on one port (API, metrics, each adapter, 10111, 5353, 3702, 5357; the operator accepts metrics on the API port), two adapters of one type, an adapter type whose container port name (`adapter-<type>`, cut to 15 characters) the pod already has, an NFS adapter on 111 (its Service's portmapper port), a listener (API, metrics, an adapter) below 1024 unless the container may bind it (`capabilities.add` NET_BIND_SERVICE or ALL, root keeping that capability, `privileged`, or the sysctl `net.ipv4.ip_unprivileged_port_start` at most the port; the operator only warns, for the API port), names longer than 51 characters or Service names longer than 63, a `database.sqlite.path` the server uses that is on no volume (the database would vanish at every restart), a `pollingInterval` that is not a positive Go duration, unknown fields, and the Feb model's fields, each with its replacement.",
    reason:
      "Errors before anything reaches a cluster; each of these specs deploys a pod that cannot serve.",
  },
  {
    id: "secret-contents",
    rule: "A referenced Secret or key that is missing (JWT, admin password, the PostgreSQL Secret's host/database/user/password, Kerberos, LDAP, metrics token, TLS `tls.crt`/`tls.key`/`ca.crt`), a JWT secret under 32 characters or an initial password outside 8-72 characters is an error naming the Secret and key.",
    reason:
      "The kubelet or the server would fail at start; reading the Secrets at preview says so before anything changes.",
  },
  {
    id: "updates",
    rule: "Every spec change flows to the objects, the PerconaPGCluster included; removed annotations are removed (no `dittofs.io/managed-annotations` tracking); claim-template changes replace the StatefulSet (volumes kept).",
    reason:
      "Pulumi manages the full object; the operator creates Percona once and merges annotations.",
  },
];
