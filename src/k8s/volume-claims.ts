import type * as k8s from "@pulumi/kubernetes";
import type { ServerPlanInput } from "../spec/types";

type Claim = k8s.types.input.core.v1.PersistentVolumeClaim;

/** Claim templates in order: metadata, content (only with contentSize), cache, controlplane (§2.5, §10.2.6). */
export function claimSizes(plan: ServerPlanInput): Array<[string, string]> {
  const { storage } = plan.spec;
  const claims: Array<[string, string]> = [["metadata", storage.metadataSize]];
  if (storage.contentSize !== undefined) claims.push(["content", storage.contentSize]);
  claims.push(["cache", storage.cacheSize], ["controlplane", storage.controlPlaneSize]);
  return claims;
}

export function claimNames(plan: ServerPlanInput): string[] {
  return claimSizes(plan).map(([name]) => name);
}

export function buildVolumeClaimTemplates(plan: ServerPlanInput): Claim[] {
  const { storageClassName } = plan.spec.storage;
  return claimSizes(plan).map(([name, size]) => ({
    metadata: { name },
    spec: {
      accessModes: ["ReadWriteOnce"],
      // An explicit "" is passed through (it disables dynamic provisioning, §9 Q24).
      ...(storageClassName !== undefined ? { storageClassName } : {}),
      resources: { requests: { storage: size } },
    },
  }));
}
