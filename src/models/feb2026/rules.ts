/**
 * The Feb rules the CRD schema cannot state: the operator's validating webhook (its static checks: Secret selectors,
 * service ports, Percona backups, the warnings) plus the NFS/API port clash it misses, and this package's own rules for
 * a pod that serves (pod listeners, persistent paths). Synchronous and pure.
 */
import { posix } from "path";
import type { Spec as ResolvedSpec } from "../../generated/feb2026/spec";
import { show } from "../../resolve/errors";
import { annotationProblems } from "../../resolve/metadata-rules";
import type { ResolvedServer, RuleResult, SecretValuePresence } from "../object-model";
import { ADAPTER_CONTAINER_PORTS, MOUNT_PATHS } from "./constants";

interface PortUse {
  label: string;
  path: string;
  port: number;
}

/**
 * The webhook's port check as the operator does it (nfs, api, then smb when on, then metrics when on; the first clash
 * is named against the earlier user), plus the nfs/api clash the webhook misses.
 */
function servicePortRules(spec: ResolvedSpec): string[] {
  const uses: PortUse[] = [
    { label: "nfs", path: "spec.nfsPort", port: spec.nfsPort },
    { label: "api", path: "spec.controlPlane.port", port: spec.controlPlane.port },
  ];
  if (spec.smb.enabled) uses.push({ label: "smb", path: "spec.smb.port", port: spec.smb.port });
  if (spec.metrics.enabled)
    uses.push({ label: "metrics", path: "spec.metrics.port", port: spec.metrics.port });
  return clashes(uses, (first, second) =>
    first.label === "nfs" && second.label === "api"
      ? `${first.path}: port ${first.port} is used by both nfs (${first.path}) and api (${second.path})`
      : `${second.path}: port ${second.port} is used by both ${first.label} (${first.path}) and ${second.label} (${second.path})`,
  );
}

/** The pod's own listeners (API, metrics, the NFS adapter on 12049, the SMB adapter on 1445) must differ. */
function podListenerRules(spec: ResolvedSpec): string[] {
  const uses: PortUse[] = [
    { label: "the NFS adapter", path: "", port: ADAPTER_CONTAINER_PORTS.nfs },
    { label: "api", path: "spec.controlPlane.port", port: spec.controlPlane.port },
  ];
  if (spec.smb.enabled)
    uses.push({ label: "the SMB adapter", path: "", port: ADAPTER_CONTAINER_PORTS.smb });
  if (spec.metrics.enabled)
    uses.push({ label: "metrics", path: "spec.metrics.port", port: spec.metrics.port });
  const name = (u: PortUse) =>
    u.path ? `${u.label} (${u.path})` : `${u.label} (container port ${u.port})`;
  return clashes(uses, (first, second) => {
    const path = second.path || first.path;
    return `${path}: port ${second.port} is used in the pod by both ${name(first)} and ${name(second)}`;
  });
}

function clashes(uses: PortUse[], message: (first: PortUse, second: PortUse) => string): string[] {
  const problems: string[] = [];
  for (let i = 0; i < uses.length; i++) {
    const first = uses.slice(0, i).find((u) => u.port === uses[i].port);
    if (first) problems.push(message(first, uses[i]));
  }
  return problems;
}

/** A selector naming no Secret would become an env var reading Secret "" (the webhook checks the JWT variant). */
function selectorRules(spec: ResolvedSpec): string[] {
  const problems: string[] = [];
  const jwtRef = spec.identity.jwt.secretRef;
  if (jwtRef && jwtRef.name !== "" && jwtRef.key === "") {
    problems.push("spec.identity.jwt.secretRef.key: is required when secretRef.name is set");
  }
  const named: Array<[string, { name: string; key: string } | undefined]> = [
    ["spec.database.postgresSecretRef", spec.database.postgresSecretRef],
    ["spec.identity.admin.passwordSecretRef", spec.identity.admin.passwordSecretRef],
    ["spec.identity.admin.initialPasswordSecretRef", spec.identity.admin.initialPasswordSecretRef],
  ];
  for (const [path, ref] of named) {
    if (!ref) continue;
    if (ref.name === "") problems.push(`${path}.name: must name a Secret`);
    if (ref.key === "") problems.push(`${path}.key: must name a key of the Secret`);
  }
  const s3 = spec.s3?.credentialsSecretRef;
  if (s3 && s3.secretName === "")
    problems.push("spec.s3.credentialsSecretRef.secretName: must name a Secret");
  return problems;
}

/** With the read-only root only the volumes are writable, and only they persist. */
function pathRules(spec: ResolvedSpec): string[] {
  const problems: string[] = [];
  // Absolute, without `.`/`..` segments, so that a prefix test means "inside the volume".
  const clean = (p: string) => p.startsWith("/") && posix.normalize(p) === p && !p.endsWith("/");
  const under = (p: string, dir: string) => clean(p) && (p === dir || p.startsWith(`${dir}/`));
  if (!under(spec.cache.path, MOUNT_PATHS.cache)) {
    problems.push(
      `spec.cache.path: ${show(spec.cache.path)} must be ${MOUNT_PATHS.cache} or below it: only the cache volume is writable and persists`,
    );
  }
  const sqlitePath = spec.database.sqlite.path;
  if (!under(sqlitePath, MOUNT_PATHS.controlplane) || sqlitePath === MOUNT_PATHS.controlplane) {
    problems.push(
      `spec.database.sqlite.path: ${show(sqlitePath)} must be a file below ${MOUNT_PATHS.controlplane}: only the control-plane volume is writable and persists`,
    );
  }
  return problems;
}

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

function perconaRules(spec: ResolvedSpec): string[] {
  const problems: string[] = [];
  const p = spec.percona;
  if (!QUANTITY.test(p.storageSize)) {
    problems.push(
      `spec.percona.storageSize: ${show(p.storageSize)} must be a Kubernetes quantity such as 10Gi`,
    );
  }
  if (p.enabled && p.backup.enabled) {
    if (!p.backup.bucket)
      problems.push("spec.percona.backup.bucket: is required when backup is enabled");
    if (!p.backup.endpoint)
      problems.push("spec.percona.backup.endpoint: is required when backup is enabled");
  }
  return problems;
}

/** A value passed in `secretValues` and a reference to an existing Secret for the same thing cannot both win. */
function secretValueRules(spec: ResolvedSpec, values: SecretValuePresence): string[] {
  const problems: string[] = [];
  const both = (value: string, ref: string) =>
    problems.push(`secretValues.${value}: conflicts with ${ref}; set only one of them`);
  if (values.jwtSecret && spec.identity.jwt.secretRef?.name)
    both("jwtSecret", "spec.identity.jwt.secretRef");
  if (values.adminInitialPassword && spec.identity.admin.initialPasswordSecretRef) {
    both("adminInitialPassword", "spec.identity.admin.initialPasswordSecretRef");
  }
  if (values.postgresConnection && spec.database.postgresSecretRef) {
    both("postgresConnection", "spec.database.postgresSecretRef");
  }
  if (values.s3 && spec.s3?.credentialsSecretRef) both("s3", "spec.s3.credentialsSecretRef");
  return problems;
}

function warnings(spec: ResolvedSpec, values: SecretValuePresence, typeWasSet: boolean): string[] {
  const out: string[] = [];
  const postgres = spec.database.postgresSecretRef !== undefined || values.postgresConnection;
  if (postgres && spec.database.type === "sqlite") {
    // The operator warns even when `type` was only defaulted; say it once, either way.
    out.push(
      `spec.database.postgresSecretRef is set but spec.database.type is ${typeWasSet ? "'sqlite'" : "not 'postgres'"} - PostgreSQL will take precedence`,
    );
  }
  if (!postgres && spec.database.type === "postgres" && !spec.percona.enabled) {
    out.push(
      "spec.database.type is 'postgres' but no connection is given (spec.database.postgresSecretRef) - SQLite will be used, as the operator does",
    );
  }
  if (spec.percona.enabled && postgres) {
    out.push(
      "spec.percona.enabled and spec.database.postgresSecretRef are both set: the server uses the referenced PostgreSQL; the PerconaPGCluster is still created",
    );
  }
  if (spec.identity.admin.passwordSecretRef) {
    out.push(
      "spec.identity.admin.passwordSecretRef: passed as DITTOFS_ADMIN_PASSWORD_HASH for parity, but the server ignores it; the admin's password comes from spec.identity.admin.initialPasswordSecretRef (or a generated one)",
    );
  }
  if (
    spec.percona.enabled &&
    spec.percona.backup.enabled &&
    !spec.percona.backup.credentialsSecretRef
  ) {
    out.push(
      "spec.percona.backup.credentialsSecretRef not set; pgBackRest may fail to authenticate with S3",
    );
  }
  return out;
}

/** The pod declares no `resourceClaims`, so a container claim would name nothing (the API server rejects it). */
function resourceRules(spec: ResolvedSpec): string[] {
  const claims = (spec.resources as { claims?: unknown[] } | undefined)?.claims;
  return claims && claims.length > 0
    ? [
        "spec.resources.claims: is not supported: the pod declares no resourceClaims for the container to use",
      ]
    : [];
}

export function febRules(server: ResolvedServer<ResolvedSpec>, typeWasSet: boolean): RuleResult {
  const { spec, values } = server;
  return {
    problems: [
      ...selectorRules(spec),
      ...servicePortRules(spec),
      ...podListenerRules(spec),
      ...pathRules(spec),
      ...perconaRules(spec),
      ...secretValueRules(spec, values),
      ...resourceRules(spec),
      ...annotationProblems(spec.service.annotations ?? {}, "spec.service.annotations"),
    ],
    warnings: warnings(spec, values, typeWasSet),
  };
}
