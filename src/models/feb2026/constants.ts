/** What the Feb 2026 object model decides on its own (its spec defaults are in the patched CRD schema). */
import { RUN_AS_ID } from "../../defaults";

/** Spec defaults that differ from (or are missing in) the Feb 2026 CRD YAML (applied by crd-patches.ts). */
export const SPEC_DEFAULTS = {
  nfsPort: 12049,
  smbPort: 12445,
  controlPlaneSize: "1Gi",
} as const;

/** Where the server's built-in adapters listen inside the pod: not configurable by config or env. */
export const ADAPTER_CONTAINER_PORTS = { nfs: 12049, smb: 1445 } as const;

/** Mount paths inside the pod. */
export const MOUNT_PATHS = {
  metadata: "/data/metadata",
  content: "/data/content",
  cache: "/data/cache",
  controlplane: "/data/controlplane",
  tmp: "/tmp",
} as const;

/** Fixed parts of the generated server config. */
export const SERVER_CONFIG = {
  logging: { level: "INFO", format: "json", output: "stdout" },
  shutdownTimeout: "30s",
  /** Placeholders the DITTOFS_DATABASE_POSTGRES_* env vars override (the server reads a key only if it is present). */
  postgresPlaceholders: { host: "", port: 5432, database: "", user: "", password: "", sslmode: "" },
  defaultSqlitePath: "/data/controlplane/controlplane.db",
} as const;

/** Values the component generates when none is given, as `@pulumi/random` RandomPassword args. */
export const GENERATED = {
  jwt: { key: "jwt-secret", length: 32, special: false },
  adminPassword: { key: "password", length: 24, special: true, overrideSpecial: "_-" },
} as const;

/** Hardening applied unless the user gives `podSecurityContext` / `securityContext` (each replaces its default whole). */
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
