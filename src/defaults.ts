/**
 * Every default value of the package, in one place.
 *
 * Defaults of the DittoServer spec itself live in the CRD's `openAPIV3Schema` (the schema the operator ships); the
 * generator `scripts/gen-validator.ts` copies that schema and applies `SPEC_DEFAULT_PATCHES` below, so the
 * validator applies them. Everything else the component decides on its own (container ports, security defaults,
 * probe timings) is a constant here; builders never write `?? something`.
 */

/** Spec defaults that differ from (or are missing in) the Feb 2026 CRD YAML; see operator-behavior.md §1.1 and §10. */
export const SPEC_DEFAULT_PATCHES = {
  /** The CRD YAML says 2049; the operator's Go markers, controller and webhook say 12049 (§9 Q1). */
  nfsPort: 12049,
  /** The CRD YAML says 445; the operator's Go markers, controller and webhook say 12445 (§9 Q1). */
  smbPort: 12445,
  /** §10.2.6: the fourth claim template that keeps the control-plane database across restarts. */
  controlPlaneSize: "1Gi",
} as const;

/** Where the server's built-in adapters listen inside the pod (§10.1): not configurable by config or env. */
export const ADAPTER_CONTAINER_PORTS = { nfs: 12049, smb: 1445 } as const;

/** Lowest port a non-root server can bind (§10.2.8). */
export const FIRST_UNPRIVILEGED_PORT = 1024;

/** The image's user and group (uid/gid 65532, "nonroot"). */
export const RUN_AS_ID = 65532;

/** Mount paths inside the pod. */
export const MOUNT_PATHS = {
  metadata: "/data/metadata",
  content: "/data/content",
  cache: "/data/cache",
  controlplane: "/data/controlplane",
  config: "/config",
  tmp: "/tmp",
} as const;

export const CONFIG_FILE_NAME = "config.yaml";

/** Container args; the command is left to the image's entrypoint (§10.2.9: `/app/dittofs` became `/app/dfs`). */
export const CONTAINER_ARGS = [
  "start",
  "--foreground",
  "--config",
  `${MOUNT_PATHS.config}/${CONFIG_FILE_NAME}`,
];

/** Probe timings, exactly the operator's (§2.5). */
export const PROBES = {
  liveness: {
    path: "/health",
    initialDelaySeconds: 15,
    periodSeconds: 10,
    timeoutSeconds: 5,
    successThreshold: 1,
    failureThreshold: 3,
  },
  readiness: {
    path: "/health/ready",
    initialDelaySeconds: 10,
    periodSeconds: 5,
    timeoutSeconds: 5,
    successThreshold: 1,
    failureThreshold: 3,
  },
  // No initialDelaySeconds: 0 is the API default, and the operator's Go structs omit zero values (omitempty).
  startup: {
    path: "/health",
    periodSeconds: 5,
    timeoutSeconds: 5,
    successThreshold: 1,
    failureThreshold: 30,
  },
} as const;

export const PRE_STOP_COMMAND = ["/bin/sh", "-c", "sleep 5"];

/** Fixed parts of the generated server config (§3.2) and the listen address of §10.2.9. */
export const SERVER_CONFIG_CONSTANTS = {
  logging: { level: "INFO", format: "json", output: "stdout" },
  shutdownTimeout: "30s",
  listenHost: "0.0.0.0",
  /** §10.2.4 and decisions.md: placeholders the DITTOFS_DATABASE_POSTGRES_* env vars override. */
  postgresPlaceholders: { host: "", port: 5432, database: "", user: "", password: "", sslmode: "" },
  defaultSqlitePath: "/data/controlplane/controlplane.db",
} as const;

/** Generated secrets (decisions.md, "Names of owned Secrets"). */
export const GENERATED_SECRETS = {
  jwt: { key: "jwt-secret", length: 32 },
  admin: { usernameKey: "username", passwordKey: "password", username: "admin", length: 24 },
} as const;

/** What the server accepts (§10.1). */
export const SERVER_LIMITS = {
  jwtMinLength: 32,
  adminPasswordMinLength: 8,
  adminPasswordMaxLength: 72,
} as const;

/** Percona (§5). */
export const PERCONA = {
  crVersion: "2.8.0",
  postgresVersion: 16,
  instanceName: "instance1",
  userName: "dittofs",
  initImage: "postgres:16-alpine",
  /** §10.2.5: Percona's user Secret has no sslmode key; its clusters require TLS. */
  sslmode: "require",
  readyAwait: "jsonpath={.status.state}=ready",
} as const;

/** Key for `dittofs render`'s config-hash HMAC when neither `--hash-key` nor `DITTOFS_HASH_KEY` is given. */
export const RENDER_DEFAULT_HASH_KEY = "dittofs-render";

/** Namespace used when neither the args nor the CR name one. */
export const DEFAULT_NAMESPACE = "default";

/** §10.2.7: hardening applied unless the user gives `podSecurityContext` / `securityContext` (each replaces its default whole). */
export const DEFAULT_POD_SECURITY_CONTEXT = {
  fsGroup: RUN_AS_ID,
  runAsUser: RUN_AS_ID,
  runAsGroup: RUN_AS_ID,
  runAsNonRoot: true,
  seccompProfile: { type: "RuntimeDefault" },
};

export const DEFAULT_CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  runAsUser: RUN_AS_ID,
  runAsGroup: RUN_AS_ID,
};
