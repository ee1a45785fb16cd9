/** The v0.29 parity comparison: the operator's objects with the differences applied, and what may differ by design. */
import { specWaitScript } from "../wait-script";
import { TRANSFORMS, type ParityContext } from "./deviations";
import type { DiscoveredAdapter } from "./operator-adapters";
import { operatorObjects } from "./operator-model";
import { GENERATED_VALUE } from "./operator-server";
import type { Obj } from "../../helpers/objects";

/** The operator's steady state for the case, without the differences. */
export function operatorSide(ctx: ParityContext, reported?: DiscoveredAdapter[]): Obj[] {
  const objects = operatorObjects(ctx.cr, reported);
  for (const o of objects) {
    for (const c of o.spec?.template?.spec?.initContainers ?? []) c.command[2] = specWaitScript();
  }
  return objects;
}

/** The operator's steady state with every object-changing difference applied: what the component must render. */
export function expectedObjects(ctx: ParityContext, reported?: DiscoveredAdapter[]): Obj[] {
  const objects = operatorSide(ctx, reported);
  for (const t of TRANSFORMS) t.apply(objects, ctx);
  return objects;
}

/** Generated values and the digest differ by design (differences: generated-secrets, config-hash). */
export function normalize(objects: Obj[], name: string): Obj[] {
  const copy = structuredClone(objects);
  for (const o of copy) {
    if (o.kind === "Secret" && o.metadata.name === `${name}-jwt-secret`)
      o.data["jwt-secret"] = GENERATED_VALUE;
    if (o.kind === "Secret" && o.metadata.name === `${name}-admin-bootstrap-credentials`)
      o.data.password = GENERATED_VALUE;
    if (o.kind === "StatefulSet")
      o.spec.template.metadata.annotations["dittofs.io/config-hash"] = "<digest>";
  }
  return copy;
}

/** `kind/name` of each object, in order: a readable first check before the deep comparison. */
export const inventory = (objects: Obj[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);
