import type * as k8s from "@pulumi/kubernetes";
import { selectorLabels } from "../naming";
import { objectMeta, type MetadataSource } from "./metadata";

type Service = k8s.types.input.core.v1.Service;
type ServicePort = k8s.types.input.core.v1.ServicePort;

/** A Service selecting the server's pod: selector and selector labels are set here only; `labels` come after them. */
export function buildService(
  server: MetadataSource & { name: string },
  name: string,
  spec: { type: string; clusterIP?: string; ports: ServicePort[] },
  annotations?: Record<string, string>,
  labels?: Record<string, string>,
): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: objectMeta(server, name, {
      labels: { ...selectorLabels(server.name), ...labels },
      annotations,
    }),
    spec: { ...spec, selector: selectorLabels(server.name) },
  };
}
