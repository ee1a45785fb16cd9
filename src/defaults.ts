/**
 * Default values shared by every object model. Spec defaults live in each model's CRD schema (applied by its
 * generated validator); what a model decides on its own is in `src/models/<release>/constants.ts`. Builders never
 * write `?? something`: a default is a constant here or there.
 */

/** The image's user and group (uid/gid 65532, "nonroot"). */
export const RUN_AS_ID = 65532;

export const CONFIG_FILE_NAME = "config.yaml";
export const CONFIG_MOUNT_PATH = "/config";

/** Container args; the command is left to the image's entrypoint (`/app/dittofs` in Feb images, `/app/dfs` since). */
export const CONTAINER_ARGS = [
  "start",
  "--foreground",
  "--config",
  `${CONFIG_MOUNT_PATH}/${CONFIG_FILE_NAME}`,
];

/** Probe timings, exactly the operator's. */
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

/** The server's listen address for the API and metrics: newer servers bind 127.0.0.1 otherwise. */
export const LISTEN_HOST = "0.0.0.0";

/** What the server accepts at start (it exits otherwise). */
export const SERVER_LIMITS = {
  jwtMinLength: 32,
  adminPasswordMinLength: 8,
  adminPasswordMaxLength: 72,
} as const;

/** The admin user the server creates at first start. */
export const ADMIN_USERNAME = "admin";

/** Percona's PostgreSQL cluster and the init container that waits for it. */
export const PERCONA = {
  crVersion: "2.8.0",
  postgresVersion: 16,
  instanceName: "instance1",
  userName: "dittofs",
  initImage: "postgres:16-alpine",
  /** Percona's user Secret has no sslmode key; its clusters require TLS. */
  sslmode: "require",
  readyAwait: "jsonpath={.status.state}=ready",
} as const;

/** Key for `dittofs render`'s config-hash HMAC when neither `--hash-key` nor `DITTOFS_HASH_KEY` is given. */
export const RENDER_DEFAULT_HASH_KEY = "dittofs-render";

/** Namespace used when neither the args nor the CR name one. */
export const DEFAULT_NAMESPACE = "default";
