import type * as k8s from "@pulumi/kubernetes";
import { claimTemplate } from "../../k8s/stateful-set";
import type { FebServer } from "./plan";

/** Claim templates in order: metadata, content (only with contentSize), cache, controlplane. */
export function claimSizes(server: FebServer): Array<[string, string]> {
  const { storage } = server.spec;
  const claims: Array<[string, string]> = [["metadata", storage.metadataSize]];
  if (storage.contentSize !== undefined) claims.push(["content", storage.contentSize]);
  claims.push(["cache", storage.cacheSize], ["controlplane", storage.controlPlaneSize]);
  return claims;
}

export function buildVolumeClaimTemplates(
  server: FebServer,
): k8s.types.input.core.v1.PersistentVolumeClaim[] {
  return claimSizes(server).map(([name, size]) =>
    claimTemplate(name, size, server.spec.storage.storageClassName),
  );
}
