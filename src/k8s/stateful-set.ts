import type * as k8s from "@pulumi/kubernetes";
import { objectNames, selectorLabels } from "../naming";
import type { Platform } from "../generated/platform/platform";
import { objectMeta, type MetadataSource } from "./metadata";
import { withPlatform } from "./pod-platform";

type Claim = k8s.types.input.core.v1.PersistentVolumeClaim;

/**
 * StatefulSet `<name>` around a model's pod template, with the platform args applied; volumes are retained on delete
 * and scale-down.
 */
export function buildStatefulSet(
  server: MetadataSource & { name: string; platform: Platform },
  replicas: number,
  claims: Claim[],
  template: k8s.types.input.core.v1.PodTemplateSpec,
): k8s.types.input.apps.v1.StatefulSet {
  const names = objectNames(server.name);
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: objectMeta(server, names.statefulSet),
    spec: {
      replicas,
      serviceName: names.headlessService,
      selector: { matchLabels: selectorLabels(server.name) },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      volumeClaimTemplates: claims,
      template: withPlatform(template, server.platform),
    },
  };
}

/** A claim template: ReadWriteOnce, the given size; an explicit "" class is kept (it disables dynamic provisioning). */
export function claimTemplate(name: string, size: string, storageClassName?: string): Claim {
  return {
    metadata: { name },
    spec: {
      accessModes: ["ReadWriteOnce"],
      ...(storageClassName !== undefined ? { storageClassName } : {}),
      resources: { requests: { storage: size } },
    },
  };
}
