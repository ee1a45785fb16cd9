/**
 * Resolved plan (+ config text, digest and owned-Secret data) → every child object, in creation order. Shared by the
 * component (which passes Outputs for the digest and Secret data) and `dittofs render` (plain strings).
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import { buildConfigMap } from "./k8s/config-map";
import { buildPerconaPGCluster, type PerconaPGCluster } from "./k8s/percona-pg-cluster";
import { buildOwnedSecret, ownedSecretNames, type OwnedSecretRole } from "./k8s/secrets";
import {
  buildApiService,
  buildFileService,
  buildHeadlessService,
  buildMetricsService,
} from "./k8s/services";
import { buildStatefulSet } from "./k8s/stateful-set";
import type { SecretRefs } from "./secrets/references";
import type { ServerPlanInput } from "./spec/types";

export type OwnedSecretInputs = Partial<
  Record<OwnedSecretRole, pulumi.Input<Record<string, pulumi.Input<string>>>>
>;

export interface ServerManifests {
  secrets: Array<{ role: OwnedSecretRole; manifest: k8s.types.input.core.v1.Secret }>;
  configMap: k8s.types.input.core.v1.ConfigMap;
  headlessService: k8s.types.input.core.v1.Service;
  fileService: k8s.types.input.core.v1.Service;
  apiService: k8s.types.input.core.v1.Service;
  metricsService?: k8s.types.input.core.v1.Service;
  perconaCluster?: PerconaPGCluster;
  statefulSet: k8s.types.input.apps.v1.StatefulSet;
}

export function buildManifests(
  plan: ServerPlanInput,
  refs: SecretRefs,
  configYaml: string,
  configHash: pulumi.Input<string>,
  ownedData: OwnedSecretInputs,
): ServerManifests {
  return {
    secrets: ownedSecretNames(refs).map(([role, name]) => ({
      role,
      manifest: buildOwnedSecret(plan, name, ownedData[role] ?? {}),
    })),
    configMap: buildConfigMap(plan, configYaml),
    headlessService: buildHeadlessService(plan),
    fileService: buildFileService(plan),
    apiService: buildApiService(plan),
    metricsService: buildMetricsService(plan),
    perconaCluster: buildPerconaPGCluster(plan),
    statefulSet: buildStatefulSet(plan, refs, configHash),
  };
}

/** The objects in the operator's reconcile order (§2.1): Secrets, ConfigMap, Services, Percona, StatefulSet. */
export function manifestList(m: ServerManifests): object[] {
  return [
    ...m.secrets.map((s) => s.manifest),
    m.configMap,
    m.headlessService,
    m.fileService,
    m.apiService,
    ...(m.metricsService ? [m.metricsService] : []),
    ...(m.perconaCluster ? [m.perconaCluster] : []),
    m.statefulSet,
  ];
}
