import type * as k8s from "@pulumi/kubernetes";
import type { ServerPlanInput } from "../spec/types";

type ObjectMeta = k8s.types.input.meta.v1.ObjectMeta;

/**
 * Metadata of a child object: its name and namespace, the user's extra labels and annotations, then the object's own
 * (which win). Empty maps are left out so that objects match the operator's, which carry none.
 */
export function objectMeta(
  plan: ServerPlanInput,
  name: string,
  own: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): ObjectMeta {
  const labels = { ...plan.labels, ...own.labels };
  const annotations = { ...plan.annotations, ...own.annotations };
  return {
    name,
    namespace: plan.namespace,
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}
