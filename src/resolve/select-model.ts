/** `operatorRelease` → the object model to render (today's operator when none is named). */
import { DEFAULT_RELEASE, MODELS } from "../models";
import type { ObjectModel } from "../models/object-model";
import { DittoSpecError, show } from "./errors";

export function selectModel(args: { operatorRelease?: unknown }, subject: string): ObjectModel {
  const release = args.operatorRelease ?? DEFAULT_RELEASE;
  const model = typeof release === "string" ? MODELS[release] : undefined;
  if (!model) {
    throw new DittoSpecError(subject, [
      `operatorRelease: ${show(release)} must be one of ${Object.keys(MODELS).join(", ")}`,
    ]);
  }
  return model;
}

/**
 * The other model's fields present in the args, each with the model's message (what replaced it, how to keep the
 * other model); they are removed from `spec` so that the schema does not also call them unknown.
 */
export function foreignFieldProblems(
  model: ObjectModel,
  args: Record<string, unknown>,
  spec: Record<string, unknown>,
  componentFields: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const [dotted, message] of Object.entries(model.foreignFields)) {
    const path = dotted.split(".");
    const isComponent = componentFields.includes(path[0]);
    const root = isComponent ? args : spec;
    const parent = path
      .slice(0, -1)
      .reduce<unknown>(
        (node, key) => (node && typeof node === "object" ? (node as any)[key] : undefined),
        root,
      );
    const leaf = path[path.length - 1];
    if (!parent || typeof parent !== "object" || (parent as any)[leaf] === undefined) continue;
    problems.push(`${isComponent ? "" : "spec."}${dotted}: ${message}`);
    if (!isComponent) delete (parent as any)[leaf];
  }
  return problems;
}
