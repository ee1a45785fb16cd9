/**
 * The v0.29 rules the CRD schema cannot state: the operator's validating webhook at v0.29 (Secret selectors, TLS,
 * Kerberos, Percona backups, the warnings), plus this package's rules for a pod that serves: declared adapters, pod
 * listeners on distinct ports, names that fit. Synchronous and pure.
 */
import type { Spec as V029Spec } from "../../generated/v029/spec";
import { show } from "../../resolve/errors";
import { annotationProblems, labelProblems } from "../../resolve/metadata-rules";
import type { ResolvedServer, RuleResult } from "../object-model";
import { objectRules } from "./object-rules";
import { MOUNT_PATHS, POSTGRES_SECRET_KEYS } from "./constants";
import { claimPaths, sqlitePathProblem } from "../../resolve/persistent-paths";
import { listenerRules } from "./listener-rules";
import { usesPostgres } from "./server-config";

type Server = ResolvedServer<V029Spec>;
type Selector = { name: string; key: string } | undefined;

/** A selector with a name needs a key (the webhook's rule for the JWT, extended to every selector). */
function selectorRules(spec: V029Spec): string[] {
  const problems: string[] = [];
  const jwtRef = spec.identity.jwt.secretRef;
  if (jwtRef && jwtRef.name !== "" && jwtRef.key === "")
    problems.push("spec.identity.jwt.secretRef.key: is required when secretRef.name is set");
  const mustName: Array<[string, Selector]> = [
    ["spec.database.postgresSecretRef", spec.database.postgresSecretRef],
    ["spec.identity.admin.passwordSecretRef", spec.identity.admin.passwordSecretRef],
  ];
  for (const [path, ref] of mustName) {
    if (!ref) continue;
    if (ref.name === "") problems.push(`${path}.name: must name a Secret`);
    if (ref.key === "") problems.push(`${path}.key: must name a key of the Secret`);
  }
  const optionalName: Array<[string, Selector]> = [
    ["spec.identity.ldap.bindPasswordSecretRef", spec.identity.ldap?.bindPasswordSecretRef],
    ["spec.metrics.bearerTokenSecret", spec.metrics.bearerTokenSecret],
  ];
  for (const [path, ref] of optionalName) {
    if (ref && ref.name !== "" && ref.key === "")
      problems.push(`${path}.key: is required when ${path.split(".").pop()}.name is set`);
  }
  if (
    spec.metrics.bearerTokenSecret &&
    spec.metrics.bearerTokenSecret.name === "" &&
    spec.metrics.enabled
  )
    problems.push("spec.metrics.bearerTokenSecret.name: must name a Secret");
  // The operator puts it in env whenever given (an env var with an empty Secret name is refused by the API server);
  // leaving it out would start the server without its bind password.
  if (spec.identity.ldap?.bindPasswordSecretRef?.name === "")
    problems.push("spec.identity.ldap.bindPasswordSecretRef.name: must name a Secret");
  return problems;
}

/** The webhook's TLS rule. */
function tlsRules(spec: V029Spec): string[] {
  const { certSecretName, clientCASecretName } = spec.controlPlane;
  return clientCASecretName && !certSecretName
    ? [
        "spec.controlPlane.clientCASecretName: controlPlane.clientCASecretName requires controlPlane.certSecretName (mTLS needs a server certificate)",
      ]
    : [];
}

/** The webhook's Kerberos rules, checked only when Kerberos is enabled. */
function kerberosRules(spec: V029Spec): string[] {
  const k = spec.identity.kerberos;
  if (!k?.enabled) return [];
  const problems: string[] = [];
  const at = "spec.identity.kerberos";
  if (!k.servicePrincipal)
    problems.push(
      `${at}.servicePrincipal: identity.kerberos.servicePrincipal is required when kerberos is enabled`,
    );
  if (!k.keytabSecretRef || k.keytabSecretRef.name === "")
    problems.push(
      `${at}.keytabSecretRef: identity.kerberos.keytabSecretRef is required when kerberos is enabled`,
    );
  else if (k.keytabSecretRef.key === "")
    problems.push(
      `${at}.keytabSecretRef.key: identity.kerberos.keytabSecretRef.key is required when keytabSecretRef.name is set`,
    );
  if (k.krb5ConfSecretRef && k.krb5ConfSecretRef.name !== "" && k.krb5ConfSecretRef.key === "")
    problems.push(
      `${at}.krb5ConfSecretRef.key: identity.kerberos.krb5ConfSecretRef.key is required when krb5ConfSecretRef.name is set`,
    );
  const m = k.machineAccount;
  if (m?.enabled) {
    const mat = `${at}.machineAccount`;
    if (!m.accountName)
      problems.push(
        `${mat}.accountName: identity.kerberos.machineAccount.accountName is required when machineAccount is enabled`,
      );
    const hasSecret = m.secretRef !== undefined && m.secretRef.name !== "";
    const hasKeytab = m.keytabSecretRef !== undefined && m.keytabSecretRef.name !== "";
    if (!hasSecret && !hasKeytab)
      problems.push(
        `${mat}: identity.kerberos.machineAccount requires a secretRef or keytabSecretRef when enabled`,
      );
    if (hasSecret && m.secretRef!.key === "")
      problems.push(
        `${mat}.secretRef.key: identity.kerberos.machineAccount.secretRef.key is required when secretRef.name is set`,
      );
    if (hasKeytab && m.keytabSecretRef!.key === "")
      problems.push(
        `${mat}.keytabSecretRef.key: identity.kerberos.machineAccount.keytabSecretRef.key is required when keytabSecretRef.name is set`,
      );
  }
  return problems;
}

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;
/** Go's time.ParseDuration syntax: an optional `+`, then numbers (`5`, `5.`, `.5`, `1.5`) each with a unit. */
const GO_DURATION = /^\+?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/;

function otherRules(server: Server): string[] {
  const { spec } = server;
  const problems: string[] = [];
  const p = spec.percona;
  if (!QUANTITY.test(p.storageSize))
    problems.push(
      `spec.percona.storageSize: ${show(p.storageSize)} must be a Kubernetes quantity such as 10Gi`,
    );
  if (p.enabled && p.backup.enabled) {
    if (!p.backup.bucket)
      problems.push("spec.percona.backup.bucket: is required when backup is enabled");
    if (!p.backup.endpoint)
      problems.push("spec.percona.backup.endpoint: is required when backup is enabled");
  }
  const interval = spec.adapterDiscovery?.pollingInterval;
  if (interval !== undefined && (!GO_DURATION.test(interval) || !/[1-9]/.test(interval)))
    problems.push(
      `spec.adapterDiscovery.pollingInterval: ${show(interval)} must be a positive Go duration such as 30s`,
    );
  if (server.values.postgresConnection && spec.database.postgresSecretRef)
    problems.push(
      "secretValues.postgresConnection: conflicts with spec.database.postgresSecretRef; set only one of them",
    );
  if (server.values.jwtSecret && spec.identity.jwt.secretRef?.name)
    problems.push(
      "secretValues.jwtSecret: conflicts with spec.identity.jwt.secretRef; set only one of them",
    );
  if (server.values.adminInitialPassword && spec.identity.admin.passwordSecretRef)
    problems.push(
      "secretValues.adminInitialPassword: conflicts with spec.identity.admin.passwordSecretRef; set only one of them",
    );
  // The database the server uses must survive a restart (the root file system is writable, but not kept).
  const sqliteUsed = !usesPostgres(server) && spec.database.type === "sqlite";
  const mounts: string[] = [MOUNT_PATHS.controlplane, MOUNT_PATHS.metadata];
  if (spec.storage.contentSize !== undefined) mounts.push(MOUNT_PATHS.content);
  const sqliteProblem = sqliteUsed
    ? sqlitePathProblem(spec.database.sqlite.path, claimPaths(mounts))
    : undefined;
  if (sqliteProblem) problems.push(sqliteProblem);
  const claims = (spec.resources as { claims?: unknown[] }).claims;
  if (claims && claims.length > 0)
    problems.push(
      "spec.resources.claims: is not supported: the pod declares no resourceClaims for the container to use",
    );
  problems.push(
    ...annotationProblems(spec.service.annotations ?? {}, "spec.service.annotations"),
    ...annotationProblems(
      spec.adapterServices.annotations ?? {},
      "spec.adapterServices.annotations",
    ),
    ...labelProblems(
      spec.metrics.serviceMonitor.labels ?? {},
      "spec.metrics.serviceMonitor.labels",
    ),
  );
  return problems;
}

function warnings(server: Server, typeWasSet: boolean): string[] {
  const { spec } = server;
  const out: string[] = [];
  if (spec.controlPlane.certSecretName && !spec.controlPlane.tls)
    out.push(
      "controlPlane.certSecretName is set, so the API serves native TLS; the operator will connect over https regardless of controlPlane.tls",
    );
  const pgRef = spec.database.postgresSecretRef;
  if ((pgRef || server.values.postgresConnection) && spec.database.type === "sqlite")
    out.push(
      `spec.database.postgresSecretRef is set but spec.database.type is ${typeWasSet ? "'sqlite'" : "not 'postgres'"} - PostgreSQL will take precedence`,
    );
  if (spec.database.type === "postgres" && !usesPostgres(server))
    out.push(
      "spec.database.type is 'postgres' but no connection is given (spec.database.postgresSecretRef) - SQLite will be used, as the operator does",
    );
  if (spec.percona.enabled && pgRef)
    out.push(
      "Both percona.enabled and database.postgresSecretRef are set; Percona-managed PostgreSQL will be used (PostgresSecretRef ignored)",
    );
  // Percona wins over a passed connection too (differences: percona-database); say so rather than drop it silently.
  if (spec.percona.enabled && server.values.postgresConnection)
    out.push(
      "secretValues.postgresConnection is set but spec.percona.enabled connects the server to Percona's database: the connection is not used",
    );
  const fixedKeys: readonly string[] = [
    ...POSTGRES_SECRET_KEYS.required,
    ...POSTGRES_SECRET_KEYS.optional,
  ];
  if (pgRef && !fixedKeys.includes(pgRef.key))
    out.push(
      `spec.database.postgresSecretRef.key: ${show(pgRef.key)} is not used: the server reads the Secret's keys ${fixedKeys.join(", ")} (port and sslmode optional)`,
    );
  if (
    spec.percona.enabled &&
    spec.percona.backup.enabled &&
    !spec.percona.backup.credentialsSecretRef
  )
    out.push(
      "spec.percona.backup.credentialsSecretRef not set; pgBackRest may fail to authenticate with S3",
    );
  if ((spec.snapshotPolicies ?? []).length > 0)
    out.push(
      "spec.snapshotPolicies: validated but not applied: the component has no session with the server's API (apply them with dfsctl or the REST API)",
    );
  if (spec.metrics.serviceMonitor.enabled && !spec.metrics.enabled)
    out.push(
      "spec.metrics.serviceMonitor.enabled: no ServiceMonitor while spec.metrics.enabled is false",
    );
  return out;
}

export function v029Rules(server: Server, typeWasSet: boolean): RuleResult {
  const { spec } = server;
  return {
    problems: [
      ...selectorRules(spec),
      ...tlsRules(spec),
      ...kerberosRules(spec),
      ...listenerRules(server),
      ...otherRules(server),
      ...objectRules(spec),
    ],
    warnings: warnings(server, typeWasSet),
  };
}
