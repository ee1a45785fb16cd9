/** The ServiceMonitor (`monitoring.coreos.com/v1`) of the metrics Service, when asked for. */
import { objectMeta } from "../../k8s/metadata";
import { objectNames, selectorLabels } from "../../naming";
import { ROLE_LABELS } from "./constants";
import type { V029Server } from "./plan";

export interface ServiceMonitor {
  apiVersion: "monitoring.coreos.com/v1";
  kind: "ServiceMonitor";
  metadata: ReturnType<typeof objectMeta>;
  spec: Record<string, unknown>;
}

export function buildServiceMonitor(server: V029Server): ServiceMonitor {
  const { metrics } = server.spec;
  const selector = { ...selectorLabels(server.name), [ROLE_LABELS.metricsService]: "true" };
  const token = metrics.bearerTokenSecret;
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    // The user's labels, then the infrastructure labels, which win on clashes.
    metadata: objectMeta(server, objectNames(server.name).metricsService, {
      labels: { ...metrics.serviceMonitor.labels, ...selector },
    }),
    spec: {
      selector: { matchLabels: selector },
      namespaceSelector: { matchNames: [server.namespace] },
      endpoints: [
        {
          port: "metrics",
          path: metrics.path,
          ...(metrics.serviceMonitor.interval ? { interval: metrics.serviceMonitor.interval } : {}),
          ...(token ? { bearerTokenSecret: { name: token.name, key: token.key } } : {}),
        },
      ],
    },
  };
}
