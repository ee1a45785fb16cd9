import type * as k8s from "@pulumi/kubernetes";
import type { ResolvedServer } from "../models/object-model";

type ObjectMeta = k8s.types.input.meta.v1.ObjectMeta;

/** The component-only metadata every child carries. */
export type MetadataSource = Pick<ResolvedServer<unknown>, "namespace" | "labels" | "annotations">;

/**
 * Metadata of a child object: its name and namespace, the user's extra labels and annotations, then the object's own
 * (which win). Empty maps are left out so that objects match the operator's, which carry none.
 */
export function objectMeta(
  server: MetadataSource,
  name: string,
  own: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): ObjectMeta {
  const labels = { ...server.labels, ...own.labels };
  const annotations = { ...server.annotations, ...own.annotations };
  return {
    name,
    namespace: server.namespace,
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}
