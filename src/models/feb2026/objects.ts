/** The Feb children, in the operator's reconcile order: Secrets, ConfigMap, Services, Percona, StatefulSet. */
import { buildConfigMap } from "../../k8s/config-map";
import { buildOwnedSecret } from "../../k8s/owned-secret";
import { buildPerconaPGCluster } from "../../k8s/percona-pg-cluster";
import { budgetChild } from "../../k8s/pod-disruption-budget";
import { buildStatefulSet } from "../../k8s/stateful-set";
import { objectNames } from "../../naming";
import type { ChildObject, SealedInputs } from "../object-model";
import type { FebPlan } from "./plan";
import { buildPodTemplate } from "./pod-template";
import {
  buildApiService,
  buildFileService,
  buildHeadlessService,
  buildMetricsService,
} from "./services";
import { buildVolumeClaimTemplates } from "./volume-claims";

export function febObjects(plan: FebPlan, sealed: SealedInputs): ChildObject[] {
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
    { kind: "Service", logicalName: `${name}-file`, manifest: buildFileService(plan) },
    { kind: "Service", logicalName: `${name}-api`, manifest: buildApiService(plan) },
  );
  if (spec.metrics.enabled) {
    children.push({
      kind: "Service",
      logicalName: `${name}-metrics`,
      manifest: buildMetricsService(plan),
    });
  }
  const percona = buildPerconaPGCluster(plan);
  if (percona) {
    children.push({
      kind: "CustomResource",
      logicalName: `${name}-postgres`,
      manifest: percona,
      // Kept on destroy unless deleteWithServer (README, differences: percona-await).
      retainOnDelete: !spec.percona.deleteWithServer,
    });
  }
  // Created after what its pod reads, as the operator's reconcile orders it.
  const before = children
    .filter((c) => c.kind === "Secret" || c.kind === "ConfigMap" || c.kind === "CustomResource")
    .map((c) => c.logicalName);
  children.push({
    kind: "StatefulSet",
    logicalName: `${name}-statefulset`,
    manifest: buildStatefulSet(
      plan,
      spec.replicas,
      buildVolumeClaimTemplates(plan),
      buildPodTemplate(plan, sealed.configHash),
    ),
    dependsOn: before,
  });
  const budget = budgetChild(plan);
  if (budget) children.push(budget);
  return children;
}
