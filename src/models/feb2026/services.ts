/** The Feb Services: headless, file (NFS and SMB), API, and metrics when enabled. */
import type * as k8s from "@pulumi/kubernetes";
import { buildService } from "../../k8s/service";
import { objectNames } from "../../naming";
import type { FebServer } from "./plan";

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

export function buildHeadlessService(server: FebServer): Service {
  return buildService(server, objectNames(server.name).headlessService, {
    type: "ClusterIP",
    clusterIP: "None",
    ports: [servicePort("nfs", server.spec.nfsPort)],
  });
}

export function buildFileService(server: FebServer): Service {
  const { spec } = server;
  const ports = [servicePort("nfs", spec.nfsPort)];
  if (spec.smb.enabled) ports.push(servicePort("smb", spec.smb.port));
  return buildService(
    server,
    objectNames(server.name).fileService,
    { type: spec.service.type, ports },
    spec.service.annotations,
  );
}

export function buildApiService(server: FebServer): Service {
  const { spec } = server;
  return buildService(
    server,
    objectNames(server.name).apiService,
    { type: spec.service.type, ports: [servicePort("api", spec.controlPlane.port)] },
    spec.service.annotations,
  );
}

/** Always ClusterIP and without the user's Service annotations. */
export function buildMetricsService(server: FebServer): Service {
  return buildService(server, objectNames(server.name).metricsService, {
    type: "ClusterIP",
    ports: [servicePort("metrics", server.spec.metrics.port)],
  });
}
