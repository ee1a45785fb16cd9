/**
 * The Feb rules the CRD schema cannot state: the operator's validating webhook (its static checks: Secret selectors,
 * service ports, Percona backups, the warnings) plus the NFS/API port clash it misses, what the API server would
 * reject in the objects built from the spec (sizes, names, keys, image, resources), and this package's own rules for a
 * pod that serves (pod listeners, ports it may bind, persistent paths). Synchronous and pure.
 */
import type { Spec as ResolvedSpec } from "../../generated/feb2026/spec";
import { show } from "../../resolve/errors";
import { imageProblem } from "../../resolve/image";
import { secretKeyProblem, selectorProblems, subdomainProblem } from "../../resolve/k8s-names";
import { annotationProblems } from "../../resolve/metadata-rules";
import { mayBind, privilegedPortProblem, type BindContext } from "../../resolve/privileged-ports";
import { claimPaths, sqlitePathProblem } from "../../resolve/persistent-paths";
import { parseQuantity } from "../../resolve/quantity";
import { resourceProblems } from "../../resolve/resources";
import { securityContextProblems } from "../../resolve/security-context-rules";
import { storageClassProblems, zeroSizeProblems } from "../../resolve/storage-rules";
import type { ResolvedServer, RuleResult, SecretValuePresence } from "../object-model";
import { ADAPTER_CONTAINER_PORTS, MOUNT_PATHS } from "./constants";
import { usesPostgres } from "./server-config";
import { claimSizes } from "./volume-claims";

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

/**
 * A selector naming no Secret would become an env var reading Secret "" (the webhook checks the JWT variant); a name
 * or key no Secret can have would never be found.
 */
function selectorRules(spec: ResolvedSpec): string[] {
  const problems: string[] = [];
  const jwtRef = spec.identity.jwt.secretRef;
  // With an empty name the JWT secret is generated and the key unused (differences: jwt-secretref-optional).
  if (jwtRef && jwtRef.name !== "") {
    problems.push(...selectorProblems(jwtRef, "spec.identity.jwt.secretRef"));
    if (jwtRef.key === "")
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
    problems.push(...selectorProblems(ref, path));
    if (ref.key === "") problems.push(`${path}.key: must name a key of the Secret`);
  }
  const s3 = spec.s3?.credentialsSecretRef;
  if (s3) {
    const path = "spec.s3.credentialsSecretRef";
    const nameProblem =
      s3.secretName === ""
        ? `${path}.secretName: must name a Secret`
        : subdomainProblem(s3.secretName, `${path}.secretName`, "a Secret name");
    if (nameProblem) problems.push(nameProblem);
    for (const key of ["accessKeyIdKey", "secretAccessKeyKey", "endpointKey"] as const) {
      const problem = secretKeyProblem(s3[key], `${path}.${key}`);
      if (problem) problems.push(problem);
    }
  }
  const backup = spec.percona.backup;
  const backupRef = backup.credentialsSecretRef;
  if (backupRef && backupRef.name !== "")
    problems.push(...selectorProblems(backupRef, "spec.percona.backup.credentialsSecretRef"));
  else if (backupRef && spec.percona.enabled && backup.enabled)
    problems.push("spec.percona.backup.credentialsSecretRef.name: must name a Secret");
  return problems;
}

/**
 * Paths the server writes must be on a claim (metadata, content when it has a size, cache, control plane): with the
 * read-only root nothing else is writable, and only claims survive a restart. A path the server does not use is not
 * checked: `database.sqlite.path` counts only with SQLite (no PostgreSQL connection, no Percona, `type: sqlite`;
 * `type: postgres` without a connection falls back to the default path).
 */
function pathRules(server: ResolvedServer<ResolvedSpec>): string[] {
  const { spec } = server;
  const problems: string[] = [];
  const claims = claimPaths(
    claimSizes(server).map(([claim]) => MOUNT_PATHS[claim as keyof typeof MOUNT_PATHS]),
  );
  const { listed, onClaim } = claims;
  const cachePath = spec.cache.path;
  if (!onClaim(cachePath, false)) {
    problems.push(
      `spec.cache.path: ${show(cachePath)} must be a directory on a volume that persists (${listed}, or below one): elsewhere the cache is not writable or is lost at every restart`,
    );
  }
  const sqliteUsed = !usesPostgres(server) && spec.database.type === "sqlite";
  const sqlitePath = spec.database.sqlite.path;
  const sqliteProblem = sqliteUsed ? sqlitePathProblem(sqlitePath, claims) : undefined;
  if (sqliteProblem) {
    problems.push(sqliteProblem);
  } else if (sqliteUsed && (sqlitePath === cachePath || cachePath.startsWith(`${sqlitePath}/`))) {
    problems.push(
      `spec.database.sqlite.path: ${show(sqlitePath)} must be a file, but spec.cache.path makes it the cache directory or one of its parents`,
    );
  }
  return problems;
}

/** Claims of size zero: the API server rejects a PersistentVolumeClaim that requests no storage. */
function storageRules(spec: ResolvedSpec): string[] {
  const { storage, percona } = spec;
  return [
    ...zeroSizeProblems([
      ["spec.storage.metadataSize", storage.metadataSize],
      ["spec.storage.contentSize", storage.contentSize],
      ["spec.storage.cacheSize", storage.cacheSize],
      ["spec.storage.controlPlaneSize", storage.controlPlaneSize],
    ]),
    ...storageClassProblems([
      ["spec.storage.storageClassName", storage.storageClassName],
      ["spec.percona.storageClassName", percona.storageClassName],
    ]),
  ];
}

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

function perconaRules(spec: ResolvedSpec): string[] {
  const problems: string[] = [];
  const p = spec.percona;
  if (!QUANTITY.test(p.storageSize)) {
    problems.push(
      `spec.percona.storageSize: ${show(p.storageSize)} must be a Kubernetes quantity such as 10Gi`,
    );
  } else if ((parseQuantity(p.storageSize) ?? 0n) <= 0n) {
    problems.push(`spec.percona.storageSize: ${show(p.storageSize)} must be greater than zero`);
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

/**
 * The container's resources as the API server checks them; and the pod declares no `resourceClaims`, so a container
 * claim would name nothing (the API server rejects it).
 */
function resourceRules(spec: ResolvedSpec): string[] {
  const resources = spec.resources as Parameters<typeof resourceProblems>[0] & {
    claims?: unknown[];
  };
  const problems = resourceProblems(resources, "spec.resources");
  if (resources?.claims && resources.claims.length > 0)
    problems.push(
      "spec.resources.claims: is not supported: the pod declares no resourceClaims for the container to use",
    );
  return problems;
}

function imageRules(spec: ResolvedSpec): string[] {
  const problem = imageProblem(spec.image, "spec.image");
  return problem ? [problem] : [];
}

/** The API and metrics listeners are the spec's ports (differences: unprivileged-listeners). */
function privilegedPortRules(spec: ResolvedSpec): string[] {
  const listeners: Array<[string, number]> = [["spec.controlPlane.port", spec.controlPlane.port]];
  if (spec.metrics.enabled) listeners.push(["spec.metrics.port", spec.metrics.port]);
  // Schema-valid: the core/v1 shapes of the CRD.
  const context = {
    container: spec.securityContext,
    pod: spec.podSecurityContext,
  } as unknown as BindContext;
  return listeners
    .filter(([, port]) => !mayBind(context, port))
    .map(([path, port]) => privilegedPortProblem(path, port));
}

/** A container security context the API server or the kubelet refuses (the pod default when none is given). */
function securityContextRules(spec: ResolvedSpec): string[] {
  return securityContextProblems({
    user: spec.securityContext,
    effective: spec.securityContext,
    pod: spec.podSecurityContext,
    defaulted: "the default security context",
    podContainer: spec.percona.enabled,
  });
}

export function febRules(server: ResolvedServer<ResolvedSpec>, typeWasSet: boolean): RuleResult {
  const { spec, values } = server;
  return {
    problems: [
      ...imageRules(spec),
      ...storageRules(spec),
      ...selectorRules(spec),
      ...servicePortRules(spec),
      ...podListenerRules(spec),
      ...privilegedPortRules(spec),
      ...pathRules(server),
      ...perconaRules(spec),
      ...secretValueRules(spec, values),
      ...resourceRules(spec),
      ...securityContextRules(spec),
      ...annotationProblems(spec.service.annotations ?? {}, "spec.service.annotations"),
    ],
    warnings: warnings(spec, values, typeWasSet),
  };
}
