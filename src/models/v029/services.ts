/** The v0.29 Services: headless (API port), API, metrics when enabled, and one per declared adapter. */
import type * as k8s from "@pulumi/kubernetes";
import { buildService } from "../../k8s/service";
import { adapterName, objectNames } from "../../naming";
import { servicePorts, type Adapter } from "./adapters";
import { ROLE_LABELS } from "./constants";
import type { V029Server } from "./plan";

type Service = k8s.types.input.core.v1.Service;

const apiPort = (server: V029Server) => {
  const port = server.spec.controlPlane.port;
  return { name: "api", port, targetPort: port, protocol: "TCP" };
};

export function buildHeadlessService(server: V029Server): Service {
  return buildService(server, objectNames(server.name).headlessService, {
    type: "ClusterIP",
    clusterIP: "None",
    ports: [apiPort(server)],
  });
}

export function buildApiService(server: V029Server): Service {
  const { service } = server.spec;
  return buildService(
    server,
    objectNames(server.name).apiService,
    { type: service.type, ports: [apiPort(server)] },
    service.annotations,
  );
}

/** Always ClusterIP, labelled for ServiceMonitors and annotated for Prometheus' annotation-based discovery. */
export function buildMetricsService(server: V029Server): Service {
  const { port, path } = server.spec.metrics;
  return buildService(
    server,
    objectNames(server.name).metricsService,
    { type: "ClusterIP", ports: [{ name: "metrics", port, targetPort: port, protocol: "TCP" }] },
    {
      "prometheus.io/scrape": "true",
      "prometheus.io/port": String(port),
      "prometheus.io/path": path,
    },
    { [ROLE_LABELS.metricsService]: "true" },
  );
}

export function buildAdapterService(server: V029Server, adapter: Adapter): Service {
  const { adapterServices } = server.spec;
  return buildService(
    server,
    adapterName(server.name, adapter.type),
    { type: adapterServices.type, ports: servicePorts(adapter) },
    adapterServices.annotations,
    { [ROLE_LABELS.adapterService]: "true", [ROLE_LABELS.adapterType]: adapter.type },
  );
}
