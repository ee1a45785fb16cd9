/**
 * args → a resolved server: the shape of the args and rules on every value (value-rules.ts), the model's CRD schema
 * (validation and defaults, precompiled), the component-only fields, then the model's cross-field rules. Every
 * problem is collected and thrown once, before anything is registered.
 */
import type { ObjectModel, ResolvedServer } from "../models/object-model";
import { nameProblems } from "../naming";
import { argsProblem, secretValuesProblems } from "./args-shape";
import { COMPONENT_FIELDS, componentFields, type PlainArgs } from "./component-fields";
import { DittoSpecError, quote } from "./errors";
import { formatSchemaErrors } from "./schema-errors";
import { foreignFieldProblems, selectModel } from "./select-model";
import { valueProblems } from "./value-rules";

export interface Resolved<Spec = any> {
  model: ObjectModel<Spec>;
  server: ResolvedServer<Spec>;
  warnings: string[];
}

export interface ResolveOptions {
  /** Names the object in the error headline; defaults to `DittoServer "<name>"`. */
  subject?: string;
  /** false: check the schema only (to plan objects while some values are still unknown). */
  crossFieldRules?: boolean;
}

/** The spec fields of the args (component-only fields and undefined values left out). */
function specFields(args: PlainArgs): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(args)) {
    if (!(COMPONENT_FIELDS as readonly string[]).includes(field) && value !== undefined) {
      spec[field] = value;
    }
  }
  return spec;
}

/** Validates and defaults; throws DittoSpecError listing every problem. */
export function resolveServer(
  name: string,
  args: PlainArgs,
  options: ResolveOptions = {},
): Resolved {
  const subject = options.subject ?? `DittoServer ${quote(name)}`;
  const notAMap = argsProblem(args);
  if (notAMap) throw new DittoSpecError(subject, [notAMap]);
  const model = selectModel(args, subject);
  const problems: string[] = [...nameProblems(name)];
  const values = valueProblems(args, COMPONENT_FIELDS);
  problems.push(...values.problems);
  // A cycle, a function or a hostile depth cannot be copied or validated: say so now.
  if (values.fatal) throw new DittoSpecError(subject, problems);
  problems.push(...secretValuesProblems(args.secretValues));
  const given = specFields(args);
  const spec = structuredClone(given);
  problems.push(...foreignFieldProblems(model, args, spec, COMPONENT_FIELDS));
  // S3 values without an `s3` block still get the block's defaults (the region).
  if (
    args.secretValues?.s3 !== undefined &&
    spec.s3 === undefined &&
    model.specSchema.properties.s3
  )
    spec.s3 = {};
  const typeWasSet = (spec.database as { type?: unknown } | undefined)?.type !== undefined;
  if (!model.validateSpec(spec))
    problems.push(...formatSchemaErrors(model.validateSpec.errors ?? [], given));
  const componentWarnings: string[] = [];
  const fields = componentFields(args, problems, componentWarnings);

  const server: ResolvedServer<any> = { name, ...fields, spec };
  // Cross-field rules need a schema-valid spec (types and defaults in place).
  let warnings: string[] = [];
  if (problems.length === 0 && options.crossFieldRules !== false) {
    const rules = model.rules(server, typeWasSet);
    problems.push(...rules.problems);
    warnings = [...componentWarnings, ...rules.warnings];
  }
  if (problems.length > 0) throw new DittoSpecError(subject, problems);
  return { model, server, warnings };
}
