/**
 * PodDisruptionBudget `<name>` (policy/v1), when asked for. With the server's single replica a budget either blocks
 * every voluntary eviction (`minAvailable: 1`, the default, or `maxUnavailable: 0`: a node drain waits until the pod
 * is moved by hand) or allows it (`maxUnavailable: 1`, which protects nothing).
 */
import { objectNames, selectorLabels } from "../naming";
import type { ChildObject, ResolvedServer } from "../models/object-model";
import { objectMeta } from "./metadata";

/** `"1"` → 1; a percentage stays a string, as the API's int-or-string. */
const intOrPercent = (v: string): number | string => (v.endsWith("%") ? v : Number(v));

export function budgetChild(server: ResolvedServer<unknown>): ChildObject | undefined {
  const budget = server.platform.podDisruptionBudget;
  if (!budget.enabled) return undefined;
  const limit =
    budget.maxUnavailable !== undefined
      ? { maxUnavailable: intOrPercent(budget.maxUnavailable) }
      : { minAvailable: intOrPercent(budget.minAvailable ?? "1") };
  return {
    kind: "PodDisruptionBudget",
    logicalName: `${server.name}-pdb`,
    manifest: {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: objectMeta(server, objectNames(server.name).podDisruptionBudget, {
        labels: selectorLabels(server.name),
      }),
      spec: { ...limit, selector: { matchLabels: selectorLabels(server.name) } },
    },
  };
}
