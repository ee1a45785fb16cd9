/**
 * The v0.29 children, in the operator's reconcile order (Secrets, ConfigMap, headless/API Services, metrics Service
 * and ServiceMonitor, Percona, StatefulSet, baseline NetworkPolicy), then per declared adapter its Service and
 * NetworkPolicy: the operator's steady state, declared.
 */
import { buildConfigMap } from "../../k8s/config-map";
import { buildOwnedSecret } from "../../k8s/owned-secret";
import { buildPerconaPGCluster } from "../../k8s/percona-pg-cluster";
import { budgetChild } from "../../k8s/pod-disruption-budget";
import { buildStatefulSet, claimTemplate } from "../../k8s/stateful-set";
import { objectNames } from "../../naming";
import type { ChildObject, SealedInputs } from "../object-model";
import { declaredAdapters } from "./adapters";
import { buildAdapterPolicy, buildBaselinePolicy } from "./network-policies";
import type { V029Plan } from "./plan";
import { buildPodTemplate } from "./pod-template";
import { buildServiceMonitor } from "./service-monitor";
import {
  buildAdapterService,
  buildApiService,
  buildHeadlessService,
  buildMetricsService,
} from "./services";

/** Claim templates in order: metadata, content (only with contentSize), controlplane. */
function claims(plan: V029Plan) {
  const { storage } = plan.spec;
  const sizes: Array<[string, string]> = [["metadata", storage.metadataSize]];
  if (storage.contentSize !== undefined) sizes.push(["content", storage.contentSize]);
  sizes.push(["controlplane", storage.controlPlaneSize]);
  return sizes.map(([name, size]) => claimTemplate(name, size, storage.storageClassName));
}

export function v029Objects(plan: V029Plan, sealed: SealedInputs): ChildObject[] {
  const { name, spec } = plan;
  const names = objectNames(name);
  const children: ChildObject[] = plan.secrets.owned.map((owned) => ({
    kind: "Secret",
    logicalName: `${name}-${owned.role}-secret`,
    manifest: buildOwnedSecret(plan, owned.name, sealed.ownedData[owned.role]),
  }));
  children.push(
    {
      kind: "ConfigMap",
      logicalName: `${name}-config`,
      manifest: buildConfigMap(plan, names.configMap, plan.config),
    },
    { kind: "Service", logicalName: `${name}-headless`, manifest: buildHeadlessService(plan) },
    { kind: "Service", logicalName: `${name}-api`, manifest: buildApiService(plan) },
  );
  if (spec.metrics.enabled) {
    children.push({
      kind: "Service",
      logicalName: `${name}-metrics`,
      manifest: buildMetricsService(plan),
    });
    if (spec.metrics.serviceMonitor.enabled) {
      // Created whenever asked for: a cluster without the ServiceMonitor CRD fails the deployment
      // (differences: service-monitor).
      children.push({
        kind: "CustomResource",
        logicalName: `${name}-service-monitor`,
        manifest: buildServiceMonitor(plan),
      });
    }
  }
  const percona = buildPerconaPGCluster(plan);
  if (percona) {
    children.push({
      kind: "CustomResource",
      logicalName: `${name}-postgres`,
      manifest: percona,
      // Kept on destroy unless deleteWithServer (differences: percona-await).
      retainOnDelete: !spec.percona.deleteWithServer,
    });
  }
  const before = children
    .filter(
      (c) => c.kind === "Secret" || c.kind === "ConfigMap" || c.logicalName === `${name}-postgres`,
    )
    .map((c) => c.logicalName);
  children.push(
    {
      kind: "StatefulSet",
      logicalName: `${name}-statefulset`,
      manifest: buildStatefulSet(
        plan,
        spec.replicas,
        claims(plan),
        buildPodTemplate(plan, sealed.configHash),
      ),
      dependsOn: before,
    },
    {
      kind: "NetworkPolicy",
      logicalName: `${name}-baseline-policy`,
      manifest: buildBaselinePolicy(plan),
    },
  );
  const budget = budgetChild(plan);
  if (budget) children.push(budget);
  for (const adapter of declaredAdapters(spec)) {
    children.push(
      {
        kind: "Service",
        logicalName: `${name}-adapter-${adapter.type}`,
        manifest: buildAdapterService(plan, adapter),
      },
      {
        kind: "NetworkPolicy",
        logicalName: `${name}-adapter-${adapter.type}-policy`,
        manifest: buildAdapterPolicy(plan, adapter),
      },
    );
  }
  return children;
}
