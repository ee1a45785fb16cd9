/**
 * The v0.29 rules on what the API server (or the kubelet) would reject in the objects built from the spec, with the
 * same shared checks as the Feb model: the image, claim sizes, StorageClass names, Secret names and keys the pod
 * reads, the container's resources, Percona's storage size; and the container's security context once the hardening
 * is merged in (differences: validation-static). Synchronous and pure.
 */
import type { Spec as V029Spec } from "../../generated/v029/spec";
import { show } from "../../resolve/errors";
import { imageProblem } from "../../resolve/image";
import { selectorProblems, subdomainProblem } from "../../resolve/k8s-names";
import { parseQuantity } from "../../resolve/quantity";
import { resourceProblems } from "../../resolve/resources";
import { securityContextProblems } from "../../resolve/security-context-rules";
import { storageClassProblems, zeroSizeProblems } from "../../resolve/storage-rules";
import { containerSecurityContext } from "./pod-template";

/** The Secrets the pod (or Percona) uses: names and keys some Secret can have. */
function secretNameRules(spec: V029Spec): string[] {
  const { identity, metrics, controlPlane, percona } = spec;
  const k = identity.kerberos?.enabled ? identity.kerberos : undefined;
  const m = k?.machineAccount?.enabled ? k.machineAccount : undefined;
  const problems = [
    ...selectorProblems(identity.jwt.secretRef, "spec.identity.jwt.secretRef"),
    ...selectorProblems(identity.admin.passwordSecretRef, "spec.identity.admin.passwordSecretRef"),
    // Its key is used for nothing: the server reads fixed keys.
    ...selectorProblems(spec.database.postgresSecretRef, "spec.database.postgresSecretRef", {
      checkKey: false,
    }),
    ...selectorProblems(
      identity.ldap?.bindPasswordSecretRef,
      "spec.identity.ldap.bindPasswordSecretRef",
    ),
    ...selectorProblems(k?.keytabSecretRef, "spec.identity.kerberos.keytabSecretRef"),
    ...selectorProblems(k?.krb5ConfSecretRef, "spec.identity.kerberos.krb5ConfSecretRef"),
    ...selectorProblems(m?.secretRef, "spec.identity.kerberos.machineAccount.secretRef"),
    ...selectorProblems(
      m?.keytabSecretRef,
      "spec.identity.kerberos.machineAccount.keytabSecretRef",
    ),
    ...(metrics.enabled
      ? selectorProblems(metrics.bearerTokenSecret, "spec.metrics.bearerTokenSecret")
      : []),
  ];
  for (const [path, name] of [
    ["spec.controlPlane.certSecretName", controlPlane.certSecretName],
    ["spec.controlPlane.clientCASecretName", controlPlane.clientCASecretName],
  ] as const) {
    const problem = name ? subdomainProblem(name, path, "a Secret name") : undefined;
    if (problem) problems.push(problem);
  }
  const backupRef = percona.backup.credentialsSecretRef;
  if (backupRef?.name)
    problems.push(...selectorProblems(backupRef, "spec.percona.backup.credentialsSecretRef"));
  else if (backupRef && percona.enabled && percona.backup.enabled)
    problems.push("spec.percona.backup.credentialsSecretRef.name: must name a Secret");
  return problems;
}

function storageRules(spec: V029Spec): string[] {
  const { storage, percona } = spec;
  const problems = [
    ...zeroSizeProblems([
      ["spec.storage.metadataSize", storage.metadataSize],
      ["spec.storage.contentSize", storage.contentSize],
      ["spec.storage.controlPlaneSize", storage.controlPlaneSize],
    ]),
    ...storageClassProblems([
      ["spec.storage.storageClassName", storage.storageClassName],
      ["spec.percona.storageClassName", percona.storageClassName],
    ]),
  ];
  const size = parseQuantity(percona.storageSize);
  if (size !== undefined && size <= 0n)
    problems.push(
      `spec.percona.storageSize: ${show(percona.storageSize)} must be greater than zero`,
    );
  return problems;
}

/** The container's security context once the hardening is merged in (differences: validation-objects). */
function securityContextRules(spec: V029Spec): string[] {
  return securityContextProblems({
    user: spec.securityContext,
    effective: containerSecurityContext(spec.securityContext),
    pod: spec.podSecurityContext,
    defaulted: "the hardening's default when unset",
    podContainer: spec.percona.enabled,
  });
}

export function objectRules(spec: V029Spec): string[] {
  const image = imageProblem(spec.image, "spec.image");
  return [
    ...(image ? [image] : []),
    ...storageRules(spec),
    ...secretNameRules(spec),
    ...resourceProblems(spec.resources as Parameters<typeof resourceProblems>[0], "spec.resources"),
    ...securityContextRules(spec),
  ];
}
