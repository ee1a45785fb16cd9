/** What the v0.29 object model decides on its own (its spec defaults are in the patched CRD schema). */
import { RUN_AS_ID } from "../../defaults";

/** Adapters a fresh v0.29 server creates at first start: what the operator would discover and expose. */
export const DEFAULT_ADAPTERS = [
  { type: "nfs", port: 12049 },
  { type: "smb", port: 1445 },
];

/** 5 s preStop + 3 × 30 s shutdown + 10 s buffer, as the operator computes it. */
export const TERMINATION_GRACE_PERIOD_SECONDS = 105;

/** Ports the adapter Services and container ports carry besides each adapter's own port. */
export const FIXED_PORTS = {
  /** NFS portmapper: the Service's 111 reaches the server's unprivileged 10111. */
  portmapper: { service: 111, container: 10111 },
  mdns: 5353,
  wsDiscovery: 3702,
  wsDiscoveryMetadata: 5357,
} as const;

/** Mount paths inside the pod. */
export const MOUNT_PATHS = {
  controlplane: "/data/controlplane",
  metadata: "/data/store/metadata",
  content: "/data/store/block",
  tlsCert: "/tls",
  tlsClientCa: "/tls-client-ca",
  metricsToken: "/metrics-token",
  kerberosKeytab: "/kerberos",
  kerberosKrb5: "/kerberos-krb5",
  kerberosMachineKeytab: "/kerberos-machine",
} as const;

/** Files the config points at, inside the mounts above. */
export const MOUNTED_FILES = {
  tlsCert: `${MOUNT_PATHS.tlsCert}/tls.crt`,
  tlsKey: `${MOUNT_PATHS.tlsCert}/tls.key`,
  clientCa: `${MOUNT_PATHS.tlsClientCa}/ca.crt`,
  metricsToken: `${MOUNT_PATHS.metricsToken}/token`,
  keytab: `${MOUNT_PATHS.kerberosKeytab}/dittofs.keytab`,
  krb5Conf: `${MOUNT_PATHS.kerberosKrb5}/krb5.conf`,
  machineKeytab: `${MOUNT_PATHS.kerberosMachineKeytab}/machine.keytab`,
} as const;

/** Keytabs are mounted 0440 (288), as the operator mounts them. */
export const KEYTAB_MODE = 0o440;

/** Fixed parts of the generated server config. */
export const SERVER_CONFIG = {
  shutdownTimeout: "30s",
  /** The PostgreSQL block's keys; the DITTOFS_DATABASE_POSTGRES_* env vars carry the values. */
  postgresPlaceholders: { host: "", database: "", user: "", password: "" },
  defaultSqlitePath: "/data/controlplane/controlplane.db",
} as const;

/** Keys of the PostgreSQL Secret the server's env reads (port and sslmode optional). */
export const POSTGRES_SECRET_KEYS = {
  required: ["host", "database", "user", "password"],
  optional: ["port", "sslmode"],
} as const;

/** Values the component generates when none is given, as `@pulumi/random` RandomPassword args (base64url alphabet). */
export const GENERATED = {
  jwt: { key: "jwt-secret", length: 43, special: true, overrideSpecial: "_-" },
  adminPassword: { key: "password", length: 24, special: true, overrideSpecial: "_-" },
} as const;

/** Filled in under the user's `securityContext` where the user left a field unset. */
export const CONTAINER_HARDENING = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
} as const;

export const DEFAULT_POD_SECURITY_CONTEXT = { fsGroup: RUN_AS_ID };

/** Role labels of the operator's objects (value "true" unless noted). */
export const ROLE_LABELS = {
  metricsService: "dittofs.io/metrics-service",
  adapterService: "dittofs.io/adapter-service",
  adapterType: "dittofs.io/adapter-type",
  baselinePolicy: "dittofs.io/baseline-networkpolicy",
  adapterPolicy: "dittofs.io/adapter-networkpolicy",
} as const;
