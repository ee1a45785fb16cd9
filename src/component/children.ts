/** The pipeline's child objects → Pulumi resources under the component, in creation order. */
import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { StatefulSet } from "@pulumi/kubernetes/apps/v1/statefulSet";
import { ConfigMap } from "@pulumi/kubernetes/core/v1/configMap";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import { Service } from "@pulumi/kubernetes/core/v1/service";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";
import { PodDisruptionBudget } from "@pulumi/kubernetes/policy/v1/podDisruptionBudget";
import type { ChildKind, ChildObject, SealedInputs } from "../models/object-model";
import type { DeferredPlan } from "./deferred-spec";

type KubernetesResource = pulumi.CustomResource & { metadata: pulumi.Output<{ name: string }> };

const CLASSES: Record<
  ChildKind,
  new (name: string, args: any, opts: pulumi.CustomResourceOptions) => KubernetesResource
> = {
  Secret,
  ConfigMap,
  Service,
  StatefulSet,
  NetworkPolicy,
  PodDisruptionBudget,
  CustomResource,
} as any;

/**
 * The children of a plan. With Outputs in the spec, each manifest's top-level fields are lifted apart from the real
 * plan (never the whole manifest as one Output: the SDK would read every field of it, absent ones included); the
 * stand-in plan says which children and fields exist.
 */
export function childObjects(planned: DeferredPlan, sealed: SealedInputs): ChildObject[] {
  const { model, now, later } = planned;
  if (!later) return model.objects(now, sealed);
  const ownedData = Object.fromEntries(now.secrets.owned.map((o) => [o.role, {}]));
  const skeleton = model.objects(now, { configHash: "", ownedData });
  const real = later.apply((p) => model.objects(p, sealed));
  return skeleton.map((child, i) => ({
    ...child,
    manifest: Object.fromEntries(
      Object.keys(child.manifest).map((k) => [
        k,
        // apiVersion and kind are fixed per object (a CustomResource builds its type token from them).
        k === "apiVersion" || k === "kind"
          ? child.manifest[k]
          : real.apply((objects) => objects[i].manifest[k]),
      ]),
    ),
  }));
}

/** Registers each child with `{ parent }` and its own options; returns them by logical name. */
export function registerChildren(
  parent: pulumi.ComponentResource,
  children: ChildObject[],
): Map<string, KubernetesResource> {
  const made = new Map<string, KubernetesResource>();
  for (const child of children) {
    const opts: pulumi.CustomResourceOptions = { parent };
    if (child.retainOnDelete !== undefined) opts.retainOnDelete = child.retainOnDelete;
    if (child.dependsOn) opts.dependsOn = child.dependsOn.map((n) => made.get(n)!);
    made.set(child.logicalName, new CLASSES[child.kind](child.logicalName, child.manifest, opts));
  }
  return made;
}
