/**
 * Where the Feb 2026 model differs from what the operator of February 2026 creates, and why: the README's
 * "Differences from the operator" table (generated from this list) and the parity tests' data (each row that changes
 * objects has a transform from the operator's objects to ours in tests/parity/). Code comments cite rows by id.
 */
import type { Difference } from "../object-model";

export const DIFFERENCES: Difference[] = [
  {
    id: "nfs-port-default",
    rule: "An omitted `nfsPort` is 12049, not the CRD YAML's 2049.",
    reason:
      "The CRD YAML is stale; the operator's Go markers, controller and webhook all say 12049.",
  },
  {
    id: "smb-port-default",
    rule: "An omitted `smb.port` is 12445, not the CRD YAML's 445.",
    reason:
      "The CRD YAML is stale; the operator's Go markers, controller and webhook all say 12445.",
  },
  {
    id: "service-type-default",
    rule: "Without a `service:` block the file and API Services are `ClusterIP`, not `LoadBalancer`.",
    reason:
      "The CRD default (ClusterIP) applies only inside a given block; the controller's LoadBalancer fallback exposes the server by surprise.",
  },
  {
    id: "adapter-ports",
    rule: "Container ports `nfs` and `smb` are the server's adapter ports 12049 and 1445; the Services target them by name, so `nfsPort` and `smb.port` are Service ports only.",
    reason:
      "The server's adapters listen on 12049 and 1445 whatever the spec says; the operator's ports reached nothing.",
  },
  {
    id: "no-command",
    rule: "The container sets no `command` (the image's entrypoint runs); `args` are unchanged.",
    reason:
      "The binary moved from /app/dittofs to /app/dfs in later images; the entrypoint works for both.",
  },
  {
    id: "listen-host",
    rule: "The config sets `controlplane.host: 0.0.0.0`, and `metrics.host: 0.0.0.0` when metrics are on.",
    reason:
      "Newer servers bind 127.0.0.1 by default, unreachable through a Service; the Feb server ignores the key.",
  },
  {
    id: "jwt-env",
    rule: "The JWT secret is passed as `DITTOFS_CONTROLPLANE_SECRET`; the Feb name `DITTOFS_CONTROLPLANE_JWT_SECRET` is not emitted.",
    reason:
      "The server reads only DITTOFS_CONTROLPLANE_SECRET and exits without it (fixed upstream three days later).",
  },
  {
    id: "admin-initial-password",
    rule: "The admin's initial password comes from `identity.admin.initialPasswordSecretRef`, else a generated 24-character password in the owned Secret `<name>-admin-bootstrap-credentials` (`username`, `password`); env `DITTOFS_ADMIN_INITIAL_PASSWORD`, after `DITTOFS_ADMIN_PASSWORD_HASH` (kept for parity).",
    reason:
      "The server ignores the bcrypt hash and reads a plaintext initial password; without one every admin call answers 403.",
  },
  {
    id: "postgres-connection",
    rule: "A `database.postgresSecretRef` value (URL or key=value) is split into the owned Secret `<name>-postgres-connection` (host, port, database, user, password, sslmode); the config gets a `database.postgres` block of placeholders and the env `DITTOFS_DATABASE_POSTGRES_*` from that Secret, after the Feb `DITTOFS_DATABASE_POSTGRES`.",
    reason:
      "The server has no DSN form: it reads database.postgres.* and exits 'postgres host is required' otherwise.",
  },
  {
    id: "percona-with-postgres-ref",
    rule: "With both `percona.enabled` and `database.postgresSecretRef`, the referenced PostgreSQL is used (with a warning) and `DITTOFS_DATABASE_POSTGRES` is still emitted; the PerconaPGCluster is still created.",
    reason: "An explicit connection is the user's intent; the operator silently dropped it.",
  },
  {
    id: "percona-database",
    rule: "With `percona.enabled` (and no `database.postgresSecretRef`) the config says `type: postgres` and the env `DITTOFS_DATABASE_POSTGRES_*` comes from Percona's `<name>-postgres-pguser-dittofs` (host, port, dbname, user, password; sslmode `require`), after `DATABASE_URL` (kept for parity).",
    reason:
      "The server does not read DATABASE_URL and the Feb config kept SQLite, so the Percona database was unused.",
  },
  {
    id: "controlplane-volume",
    rule: "A fourth claim template `controlplane` (`storage.controlPlaneSize`, default 1Gi, same class) is mounted at `/data/controlplane`.",
    reason:
      "The SQLite control-plane database lived on the container filesystem: users, shares and adapters vanished at every restart.",
  },
  {
    id: "hardening",
    rule: "Hardened by default: pod `{fsGroup, runAsUser, runAsGroup: 65532, runAsNonRoot, seccompProfile RuntimeDefault}`, container `{allowPrivilegeEscalation: false, drop ALL capabilities, readOnlyRootFilesystem, runAsNonRoot, runAsUser/runAsGroup 65532}`, with an `emptyDir` at `/tmp`. A given `podSecurityContext`/`securityContext` replaces its default whole.",
    reason:
      "The mission asks for a hardened pod; a read-only root needs writable /tmp and /data/controlplane.",
  },
  {
    id: "service-links",
    rule: "`enableServiceLinks: false` on the pod.",
    reason:
      "A Service named `dittofs-metrics` injects DITTOFS_METRICS_PORT=tcp://..., which the server reads as metrics.port and exits.",
  },
  {
    id: "percona-backups",
    rule: "Without backups the PerconaPGCluster says `backups: {enabled: false}`.",
    reason: "Percona's v2.8 CRD rejects the operator's `backups: {pgbackrest: {repos: null}}`.",
  },
  {
    id: "percona-await",
    rule: "The PerconaPGCluster carries `pulumi.com/waitFor: jsonpath={.status.state}=ready` and the StatefulSet depends on it; it is kept on destroy unless `percona.deleteWithServer` (`retainOnDelete`).",
    reason:
      "Pulumi's equivalent of the operator's readiness gate and orphaning, without its 60 s window.",
  },
  {
    id: "config-hash",
    rule: "`dittofs.io/config-hash` is an HMAC-SHA256 (key: a random value kept in state) over the config and every Secret the pod reads, owned ones included; no `gen:<generation>`; the config is length-prefixed.",
    reason:
      "A plain digest shown in previews would let anyone test guesses of a secret; generation does not exist in Pulumi, and only real changes should roll the pod.",
  },
  {
    id: "no-owner-references",
    rule: "Children carry no ownerReferences and no finalizer is used; Pulumi deletes them (PVCs are retained by the StatefulSet's policy).",
    reason:
      "Pulumi, not a controller, owns the lifecycle; status phase and conditions become typed outputs.",
  },
  {
    id: "validation-static",
    rule: 'All webhook errors are raised before anything is registered, with the field path, plus: `nfsPort` = `controlPlane.port`, two pod listeners on one port (API, metrics, 12049, 1445), a `cache.path` or a used `database.sqlite.path` (SQLite without a PostgreSQL connection or Percona, `type: sqlite`) that is not on a claim (/data/metadata, /data/content with `storage.contentSize`, /data/cache, /data/controlplane; the SQLite path a file below one), names that are not DNS-1035 labels of at most 52 characters, unknown fields (in `secretValues` too), `percona.backup.bucket`/`endpoint` when backup is enabled, and what the API server would reject in the objects: a storage size of zero, a negative quantity or requests above limits in `resources`, an empty image or one with whitespace or control characters, a StorageClass or Secret name that is not a DNS-1123 subdomain (`storageClassName: ""` stays allowed), a Secret key outside `[-._a-zA-Z0-9]`, a security context with `privileged` or CAP_SYS_ADMIN while `allowPrivilegeEscalation` is false or with uid 0 while `runAsNonRoot` is true (the kubelet refuses it), an `int32` field out of range, an integer beyond 2^53-1, a lone UTF-16 surrogate, a config or owned Secret over 1 MiB.',
    reason:
      "Errors before anything reaches a cluster; each of these specs deploys a pod that cannot serve, or objects the API server rejects.",
  },
  {
    id: "unprivileged-listeners",
    rule: "`controlPlane.port` (and `metrics.port` when metrics are on) below 1024 is an error unless the container may bind it: `securityContext.capabilities.add` has NET_BIND_SERVICE (or ALL), it runs as root without dropping that capability, it is privileged, or `podSecurityContext.sysctls` sets `net.ipv4.ip_unprivileged_port_start` at most the port.",
    reason:
      "These are the server's own listeners (the container port is the spec's port); the default pod runs as uid 65532 with every capability dropped and cannot bind below 1024.",
  },
  {
    id: "validation-cluster",
    rule: "Cluster-aware webhook checks (StorageClass exists, Percona CRD installed, S3 Secret present) are not done at deploy time; a referenced Secret or key that is missing is an error when it is read (in preview, or by `dittofs render` against its -f files).",
    reason: "A component has no admission webhook; reading the Secrets already proves they exist.",
  },
  {
    id: "secret-contents",
    rule: "A JWT secret shorter than 32 characters, an initial password outside 8-72 characters, or a PostgreSQL connection that does not parse is an error naming the Secret and key.",
    reason: "The server exits on each of them at start.",
  },
  {
    id: "warnings",
    rule: "Privileged-port warnings (W9) are dropped; PostgreSQL over SQLite and the inert `passwordSecretRef` each warn once.",
    reason: "Service ports may be privileged now (the pod listens on fixed unprivileged ports).",
  },
  {
    id: "jwt-secretref-optional",
    rule: "`identity.jwt.secretRef` is optional: durations and issuer may be set while the JWT secret is generated.",
    reason: "The CRD required `secretRef: {key: <anything>}` with an empty name for that.",
  },
  {
    id: "updates",
    rule: "Every spec change flows to the objects, the PerconaPGCluster included, and removed Service annotations are removed; claim-template changes replace the StatefulSet (volumes kept).",
    reason:
      "Pulumi manages the full object; the operator created Percona once and merged annotations.",
  },
];
