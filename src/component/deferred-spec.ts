/**
 * Args may hold Outputs (values of other resources). Those that decide which objects exist, or which Secrets are
 * read, must be known when the program runs; every other field may be an Output and is validated when it resolves,
 * with the same messages. The objects are then planned now from stand-in values (their structure is all the
 * constructor needs), and planned again, for real, when the Outputs resolve.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ObjectModel, ServerPlan } from "../models/object-model";
import { planServer } from "../pipeline";
import {
  COMPONENT_FIELDS,
  DECIDING_COMPONENT_FIELDS,
  PRESENCE_COMPONENT_FIELDS,
  type PlainArgs,
} from "../resolve/component-fields";
import { maskSecretValues } from "../resolve/args-shape";
import { DittoSpecError, quote } from "../resolve/errors";
import { PLATFORM_FIELDS } from "../resolve/platform-schema";
import { selectModel } from "../resolve/select-model";
import platformSchema from "../generated/platform/platform-schema.json";

type Path = string[];

export interface DeferredPlan {
  model: ObjectModel;
  /** The plan, from the real values; with Outputs in the spec, from stand-ins (its structure is the real one's). */
  now: ServerPlan<any, any>;
  /** With Outputs in the spec: the real plan, validated when they resolve. */
  later?: pulumi.Output<ServerPlan<any, any>>;
  warnings: string[];
}

/** An Output or a Promise (a value known only later). */
export const isDeferred = (v: unknown): boolean =>
  pulumi.Output.isInstance(v) ||
  (typeof v === "object" && v !== null && typeof (v as PromiseLike<unknown>).then === "function");

/** Paths (from the args' root) of every Output or Promise, not descending into them. */
export function deferredPaths(value: unknown, path: Path = []): Path[] {
  if (isDeferred(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => deferredPaths(v, [...path, String(i)]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => deferredPaths(v, [...path, k]));
  }
  return [];
}

const split = (dotted: string) => dotted.split(".");
const startsWith = (path: Path, prefix: Path) => prefix.every((p, i) => path[i] === p);

/** Whether an Output at `path` (from the args' root) would hide a value that decides the objects. */
export function decidesStructure(path: Path, model: ObjectModel): boolean {
  const deciding = [...DECIDING_COMPONENT_FIELDS, ...model.decidingFields].map(split);
  const presence = [...PRESENCE_COMPONENT_FIELDS, ...model.presenceFields].map(split);
  return (
    deciding.some((d) => startsWith(d, path) || startsWith(path, d)) ||
    presence.some((p) => startsWith(p, path))
  );
}

const isComponentField = (field: string) => (COMPONENT_FIELDS as readonly string[]).includes(field);

export function displayPath(path: Path): string {
  return [...(isComponentField(path[0]) ? [] : ["spec"]), ...path].join(".");
}

/** A schema-valid value for a spec field, used only to plan objects while the real value is unknown. */
function standIn(schemaRoot: Record<string, any>, path: Path): unknown {
  let schema: any = schemaRoot;
  for (const key of path) {
    schema =
      /^\d+$/.test(key) && schema?.items
        ? schema.items
        : (schema?.properties?.[key] ?? schema?.additionalProperties);
  }
  if (!schema || typeof schema !== "object") return "x";
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  // A quantity (int-or-string): a number is valid whatever the pattern.
  if (schema["x-kubernetes-int-or-string"]) return 1;
  if (schema.type === "integer") return schema.minimum ?? 1;
  if (schema.type === "boolean") return false;
  if (schema.type === "object") {
    return Object.fromEntries(
      (schema.required ?? []).map((r: string) => [r, standIn(schemaRoot, [...path, r])]),
    );
  }
  if (schema.type === "array") return [];
  // A string the schema's pattern and lengths accept (a size, a path, a duration).
  const fits = (s: string) =>
    (schema.pattern === undefined || new RegExp(schema.pattern, "u").test(s)) &&
    s.length >= (schema.minLength ?? 0) &&
    s.length <= (schema.maxLength ?? Infinity);
  return ["x", "1Gi", "/x", "0", "x".repeat(schema.minLength ?? 1)].find(fits) ?? "x";
}

/** The args with every Output replaced by a stand-in (secret values keep a placeholder: only presence counts). */
export function withStandIns<T>(args: T, paths: Path[], model: ObjectModel): T {
  const copy: any = Array.isArray(args) ? [...args] : { ...args };
  for (const path of paths) {
    let node = copy;
    for (const key of path.slice(0, -1)) {
      node[key] = Array.isArray(node[key]) ? [...node[key]] : { ...node[key] };
      node = node[key];
    }
    const leaf = path[path.length - 1];
    const metadataMap = ["labels", "annotations"].includes(path[0]);
    node[leaf] =
      path[0] === "secretValues"
        ? ""
        : metadataMap
          ? path.length === 1
            ? {}
            : "x"
          : (PLATFORM_FIELDS as readonly string[]).includes(path[0])
            ? standIn(platformSchema, path)
            : standIn(model.specSchema, path);
  }
  return copy;
}

/** Plans plain args now; with Outputs inside, plans from stand-ins now and validates the real values later. */
export function planWithOutputs(name: string, args: object): DeferredPlan {
  const subject = `DittoServer ${quote(name)}`;
  // Valid secret values become "": their presence shapes the objects; they are gathered apart, never waited on here.
  const specArgs = maskSecretValues(name, args as PlainArgs, subject);
  const paths = deferredPaths(args);
  if (isDeferred((args as PlainArgs).operatorRelease)) {
    throw new DittoSpecError(subject, [
      "operatorRelease: must be a plain value, not an Output: it decides which objects exist",
    ]);
  }
  const model = selectModel(args as PlainArgs, subject);
  const deciding = paths.filter((p) => decidesStructure(p, model));
  if (deciding.length > 0) {
    throw new DittoSpecError(
      subject,
      deciding.map(
        (p) =>
          `${displayPath(p)}: must be a plain value, not an Output: it decides which objects exist`,
      ),
    );
  }
  // The Outputs of `specArgs`: those of the args but the secret values, which maskSecretValues replaced
  // (`secretValues` and `secretValues.s3` themselves decide, so they are plain here).
  const deferred = paths.filter((p) => p[0] !== "secretValues");
  if (deferred.length === 0) {
    const { model, plan, warnings } = planServer(name, specArgs, { subject });
    return { model, now: plan, warnings };
  }
  const probe = planServer(name, withStandIns(specArgs, deferred, model), {
    subject,
    crossFieldRules: false,
  });
  const later = pulumi.output(specArgs).apply((plainArgs) => {
    const resolved = planServer(name, plainArgs as PlainArgs, { subject });
    for (const w of resolved.warnings) void pulumi.log.warn(w);
    return resolved.plan;
  });
  return { model: probe.model, now: probe.plan, later, warnings: [] };
}
