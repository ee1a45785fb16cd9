/**
 * The platform args: where and how the server's pod runs (scheduling, image pulls, service account, pod metadata, a
 * disruption budget). Neither operator release offers them; they are component-only, in both object models.
 *
 * The Kubernetes types (`$k8s`) are filled in by the generator from the structural schemas the Percona operator's CRD
 * carries for its own pods (the same core/v1 types, as the API server checks their shape); the rules no schema states
 * (toleration operators and effects, label syntax, names) are in platform-rules.ts. `npm run gen:spec` compiles the
 * result (src/generated/platform/).
 */
export const PLATFORM_FIELDS = ["pod", "imagePullPolicy", "podDisruptionBudget"] as const;

const stringMap = { type: "object", additionalProperties: { type: "string" } };

export const PLATFORM_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    pod: {
      type: "object",
      additionalProperties: false,
      default: {},
      properties: {
        nodeSelector: stringMap,
        tolerations: { $k8s: "instances.tolerations" },
        affinity: { $k8s: "instances.affinity" },
        topologySpreadConstraints: { $k8s: "instances.topologySpreadConstraints" },
        priorityClassName: { type: "string" },
        serviceAccountName: { type: "string" },
        automountServiceAccountToken: { type: "boolean" },
        imagePullSecrets: { $k8s: "imagePullSecrets" },
        labels: stringMap,
        annotations: stringMap,
      },
    },
    imagePullPolicy: { type: "string", enum: ["Always", "IfNotPresent", "Never"] },
    podDisruptionBudget: {
      type: "object",
      additionalProperties: false,
      default: {},
      properties: {
        enabled: { type: "boolean", default: false },
        minAvailable: { type: "string" },
        maxUnavailable: { type: "string" },
      },
    },
  },
} as const;
