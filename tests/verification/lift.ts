/**
 * Args with fields as Outputs, for the outputs properties of both models: random leaves or whole subtrees wrapped
 * as secret, later-resolving or known Outputs (never a field that decides which objects exist), and a deployment's
 * children normalised so that two deployments of the same spec under different names compare equal.
 */
import * as pulumi from "@pulumi/pulumi";
import { decidesStructure } from "../../src/component/deferred-spec";
import { CONFIG_HASH_ANNOTATION } from "../../src/hash";
import type { ObjectModel } from "../../src/models/object-model";
import type { Deployed } from "../helpers/component";
import { fakeRandom } from "../helpers/mocks";
import type { Obj } from "../helpers/objects";
import { b64 } from "../helpers/base64";

export type Wrap = "secret" | "later" | "output";

export function wrap(value: unknown, how: Wrap): unknown {
  if (how === "secret") return pulumi.secret(value);
  if (how === "later") return pulumi.output(Promise.resolve(value));
  return pulumi.output(value);
}

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null;

/**
 * Paths the component should accept as Outputs but rejects at construction because its stand-in is not valid
 * (the Feb outputs test's "known bugs"): kept plain so that the property tests everything else.
 */
export function knownBadStandIn(path: string[], value: unknown): boolean {
  const [a, b] = path;
  if (path.length === 1 && (a === "labels" || a === "annotations")) return true;
  if (a === "resources" && (b === "limits" || b === "requests") && path.length === 3) return true;
  return /^\d+$/.test(path[path.length - 1] ?? "") && typeof value !== "string";
}

/** `args` with random fields (leaves or whole subtrees) as Outputs, where the component allows it. */
export function lifted(
  args: Obj,
  choices: number[],
  counts: Record<Wrap, number>,
  model: ObjectModel,
): Obj {
  let i = 0;
  const next = () => choices[i++ % choices.length];
  const visit = (value: unknown, path: string[]): unknown => {
    const liftable =
      path.length > 0 && !decidesStructure(path, model) && !knownBadStandIn(path, value);
    const choice = next() % 6;
    const how: Wrap | undefined =
      choice === 0 ? "secret" : choice === 1 ? "later" : choice === 2 ? "output" : undefined;
    if (isObject(value)) {
      if (liftable && how && next() % 4 === 0) {
        counts[how]++;
        return wrap(value, how);
      }
      if (Array.isArray(value)) return value.map((v, k) => visit(v, [...path, String(k)]));
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, [...path, k])]));
    }
    if (!liftable || !how) return value;
    counts[how]++;
    return wrap(value, how);
  };
  return visit(args, []) as Obj;
}

/**
 * Children of a deployment, named as `as` would name them and with per-name values (hash key, random values of
 * `generated`: logical-name suffix → length) normalised.
 */
export function normalised(
  d: Deployed,
  name: string,
  as: string,
  generated: Array<[string, number]>,
): string[] {
  const replace = (text: string) => text.split(name).join(as);
  // Secret reads are shared by the servers of a program (one per Secret per provider): the second deployment of a
  // pair reuses the first one's, so reads are not part of the comparison.
  return d.children
    .filter((c) => !c.read)
    .map((c) => {
      const inputs = structuredClone(c.inputs);
      const annotations = inputs?.spec?.template?.metadata?.annotations;
      if (annotations?.[CONFIG_HASH_ANNOTATION]) annotations[CONFIG_HASH_ANNOTATION] = "<hash>";
      // The type token of a Kubernetes child as the inputs say it should be: the PerconaPGCluster's is wrong when
      // its manifest is an Output (the Feb outputs test's known bug); its inputs are still compared.
      const type =
        c.type.startsWith("kubernetes:") && inputs?.kind
          ? `kubernetes:${inputs.apiVersion}:${inputs.kind}`
          : c.type;
      let text = JSON.stringify({ type, name: c.name, read: c.read, id: c.id, inputs });
      for (const [suffix, length] of generated) {
        text = text
          .split(b64(fakeRandom(`${name}-${suffix}`, length)))
          .join(b64(fakeRandom(`${as}-${suffix}`, length)));
      }
      return replace(text);
    })
    .sort();
}
