import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import { objectMeta, type MetadataSource } from "./metadata";

/** A Secret the component owns. `data` holds base64 values, as the API server stores them (src/secrets/seal.ts). */
export function buildOwnedSecret(
  server: MetadataSource,
  name: string,
  data: pulumi.Input<Record<string, string>>,
): k8s.types.input.core.v1.Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: objectMeta(server, name),
    // No `type`: the API server defaults it to Opaque, as for the operator's JWT Secret.
    data,
  };
}
