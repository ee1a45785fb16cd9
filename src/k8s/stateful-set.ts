import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import { objectNames, selectorLabels } from "../naming";
import type { SecretRefs } from "../secrets/references";
import type { ServerPlanInput } from "../spec/types";
import { objectMeta } from "./metadata";
import { buildPodTemplate } from "./pod-template";
import { buildVolumeClaimTemplates } from "./volume-claims";

/** StatefulSet `<name>` (§2.5); volumes are retained on delete and scale-down. */
export function buildStatefulSet(
  plan: ServerPlanInput,
  refs: SecretRefs,
  configHash: pulumi.Input<string>,
): k8s.types.input.apps.v1.StatefulSet {
  const names = objectNames(plan.name);
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: objectMeta(plan, names.statefulSet),
    spec: {
      replicas: plan.spec.replicas,
      serviceName: names.headlessService,
      selector: { matchLabels: selectorLabels(plan.name) },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      volumeClaimTemplates: buildVolumeClaimTemplates(plan),
      template: buildPodTemplate(plan, refs, configHash),
    },
  };
}
