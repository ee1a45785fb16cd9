/**
 * NetworkPolicies: the baseline (API and metrics ports from anywhere) and one per declared adapter, as the v0.29
 * operator converges to them; rendered from the start instead of after the first adapter poll
 * (differences: declared-adapters).
 */
import { objectMeta } from "../../k8s/metadata";
import { adapterName, objectNames, selectorLabels } from "../../naming";
import { policyPorts, type Adapter } from "./adapters";
import { ROLE_LABELS } from "./constants";
import type { V029Server } from "./plan";

export interface NetworkPolicy {
  apiVersion: "networking.k8s.io/v1";
  kind: "NetworkPolicy";
  metadata: ReturnType<typeof objectMeta>;
  spec: Record<string, unknown>;
}

function buildPolicy(
  server: V029Server,
  name: string,
  labels: Record<string, string>,
  ports: Array<{ protocol: string; port: number }>,
): NetworkPolicy {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: objectMeta(server, name, { labels: { ...selectorLabels(server.name), ...labels } }),
    spec: {
      podSelector: { matchLabels: selectorLabels(server.name) },
      policyTypes: ["Ingress"],
      // No `from`: any source may reach these ports.
      ingress: [{ ports }],
    },
  };
}

export function buildBaselinePolicy(server: V029Server): NetworkPolicy {
  const { controlPlane, metrics } = server.spec;
  const ports = [{ protocol: "TCP", port: controlPlane.port }];
  if (metrics.enabled) ports.push({ protocol: "TCP", port: metrics.port });
  return buildPolicy(
    server,
    objectNames(server.name).baselinePolicy,
    { [ROLE_LABELS.baselinePolicy]: "true" },
    ports,
  );
}

export function buildAdapterPolicy(server: V029Server, adapter: Adapter): NetworkPolicy {
  return buildPolicy(
    server,
    adapterName(server.name, adapter.type),
    { [ROLE_LABELS.adapterPolicy]: "true", [ROLE_LABELS.adapterType]: adapter.type },
    policyPorts(adapter),
  );
}
