/**
 * The platform args on a pod template (both object models): scheduling (node selector, tolerations, affinity, topology
 * spread, priority class), image pulls, the service account, and the pod's own labels and annotations. Unset args
 * leave the template exactly as the model built it.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { Platform } from "../generated/platform/platform";

type PodTemplate = k8s.types.input.core.v1.PodTemplateSpec;

/** Only the fields that are set. */
const given = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The shape the models' builders give a template (plain at this level; leaves may be Outputs). */
interface BuiltTemplate {
  metadata: { labels: Record<string, string>; annotations: Record<string, unknown> };
  spec: {
    automountServiceAccountToken?: boolean;
    containers: Array<Record<string, unknown>>;
  } & Record<string, unknown>;
}

export function withPlatform(template: PodTemplate, platform: Platform): PodTemplate {
  const { pod, imagePullPolicy } = platform;
  const { metadata, spec } = template as unknown as BuiltTemplate;
  // The token stays unmounted unless asked for: a model that already says so keeps saying it, and naming a service
  // account (which would otherwise mount its token) says it too.
  const tokenSet =
    spec.automountServiceAccountToken !== undefined ||
    pod.serviceAccountName !== undefined ||
    pod.automountServiceAccountToken !== undefined;
  const containers = spec.containers.map((c, i) =>
    i === 0 && imagePullPolicy ? { ...c, imagePullPolicy } : c,
  );
  const result = {
    metadata: {
      ...metadata,
      // The selector labels and the config hash win (the rules reject the clashes).
      labels: { ...pod.labels, ...metadata.labels },
      annotations: { ...pod.annotations, ...metadata.annotations },
    },
    spec: {
      ...spec,
      ...(tokenSet
        ? { automountServiceAccountToken: pod.automountServiceAccountToken ?? false }
        : {}),
      ...given({
        serviceAccountName: pod.serviceAccountName,
        priorityClassName: pod.priorityClassName,
        nodeSelector: pod.nodeSelector,
        tolerations: pod.tolerations,
        affinity: pod.affinity,
        topologySpreadConstraints: pod.topologySpreadConstraints,
        imagePullSecrets: pod.imagePullSecrets,
      }),
      containers,
    },
  };
  return result as unknown as PodTemplate;
}
