/**
 * The four Services (§2.4, with §10.2.1's ports): every port is built by `servicePort`, every Service by
 * `buildService`, so selector, labels and protocol are set in one place.
 */
import type * as k8s from "@pulumi/kubernetes";
import { objectNames, selectorLabels } from "../naming";
import type { ServerPlanInput } from "../spec/types";
import { objectMeta } from "./metadata";

type Service = k8s.types.input.core.v1.Service;
type ServicePort = k8s.types.input.core.v1.ServicePort;

/**
 * `nfs` and `smb` target the container port by name: the adapters listen on fixed container ports (12049, 1445)
 * whatever the Service port is. `api` and `metrics` target the number, which is also the container port.
 */
function servicePort(name: "nfs" | "smb" | "api" | "metrics", port: number): ServicePort {
  const byName = name === "nfs" || name === "smb";
  return { name, port, targetPort: byName ? name : port, protocol: "TCP" };
}

function buildService(
  plan: ServerPlanInput,
  name: string,
  spec: { type: string; clusterIP?: string; ports: ServicePort[] },
  annotations?: Record<string, string>,
): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: objectMeta(plan, name, { labels: selectorLabels(plan.name), annotations }),
    spec: { ...spec, selector: selectorLabels(plan.name) },
  };
}

export function buildHeadlessService(plan: ServerPlanInput): Service {
  return buildService(plan, objectNames(plan.name).headlessService, {
    type: "ClusterIP",
    clusterIP: "None",
    ports: [servicePort("nfs", plan.spec.nfsPort)],
  });
}

export function buildFileService(plan: ServerPlanInput): Service {
  const ports = [servicePort("nfs", plan.spec.nfsPort)];
  if (plan.spec.smb.enabled) ports.push(servicePort("smb", plan.spec.smb.port));
  return buildService(
    plan,
    objectNames(plan.name).fileService,
    { type: plan.spec.service.type, ports },
    plan.spec.service.annotations,
  );
}

export function buildApiService(plan: ServerPlanInput): Service {
  return buildService(
    plan,
    objectNames(plan.name).apiService,
    { type: plan.spec.service.type, ports: [servicePort("api", plan.spec.controlPlane.port)] },
    plan.spec.service.annotations,
  );
}

/** Only when metrics are enabled; always ClusterIP and without the user's Service annotations. */
export function buildMetricsService(plan: ServerPlanInput): Service | undefined {
  if (!plan.spec.metrics.enabled) return undefined;
  return buildService(plan, objectNames(plan.name).metricsService, {
    type: "ClusterIP",
    ports: [servicePort("metrics", plan.spec.metrics.port)],
  });
}
