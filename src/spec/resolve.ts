/**
 * args → the resolved spec: CRD schema validation and defaults (ajv, precompiled from the CRD), then the webhook's
 * cross-field rules and §10's decisions. All problems are collected and thrown once, before anything is registered.
 */
import type { ValidateFunction } from "ajv";
import generatedValidator from "../generated/validate-spec";
import { labelProblems as reservedLabelProblems, nameProblems } from "../naming";
import { annotationProblems, labelProblems } from "./metadata-rules";
import { crossFieldRules } from "./cross-field-rules";
import { DittoSpecError } from "./errors";
import { formatSchemaErrors } from "./schema-errors";
import type { ResolvedSpec, SecretValuePresence, ServerPlanInput } from "./types";

/** Plain (already unwrapped) component args. */
export interface PlainArgs {
  [field: string]: unknown;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  secretValues?: {
    jwtSecret?: unknown;
    adminInitialPassword?: unknown;
    postgresConnection?: unknown;
    s3?: { accessKeyId?: unknown; secretAccessKey?: unknown; endpoint?: unknown };
  };
}

/** Compiled ahead of time by scripts/gen-validator.ts; applies the CRD defaults in place. */
const validateSchema = generatedValidator as unknown as ValidateFunction;

export const COMPONENT_ONLY_FIELDS = [
  "namespace",
  "labels",
  "annotations",
  "secretValues",
] as const;

export interface Resolved {
  plan: ServerPlanInput;
  warnings: string[];
}

export function secretValuePresence(values: PlainArgs["secretValues"]): SecretValuePresence {
  return {
    jwtSecret: values?.jwtSecret !== undefined,
    adminInitialPassword: values?.adminInitialPassword !== undefined,
    postgresConnection: values?.postgresConnection !== undefined,
    s3: values?.s3 !== undefined,
    s3Endpoint: values?.s3?.endpoint !== undefined,
  };
}

function stringMap(value: unknown, path: string, problems: string[]): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push(`${path}: must be a map of strings`);
    return {};
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") problems.push(`${path}.${k}: must be a string`);
  }
  return value as Record<string, string>;
}

/**
 * Validates and defaults. `subject` names the object in the error headline (e.g. `DittoServer "demo"`).
 * `crossFieldRules: false` checks the schema only (used to plan objects while some values are still unknown).
 * Throws DittoSpecError listing every problem.
 */
export function resolveSpec(
  name: string,
  args: PlainArgs,
  subject = `DittoServer ${JSON.stringify(name)}`,
  options: { crossFieldRules?: boolean } = {},
): Resolved {
  const problems: string[] = [...nameProblems(name)];
  const spec: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(args)) {
    if (!(COMPONENT_ONLY_FIELDS as readonly string[]).includes(field) && value !== undefined) {
      spec[field] = value;
    }
  }
  const copy = structuredClone(spec);
  const values = secretValuePresence(args.secretValues);
  // S3 values without an `s3` block still get the block's defaults (the region).
  if (values.s3 && copy.s3 === undefined) copy.s3 = {};
  const typeWasSet = (copy.database as { type?: unknown } | undefined)?.type !== undefined;
  if (!validateSchema(copy))
    problems.push(...formatSchemaErrors(validateSchema.errors ?? [], spec));

  const labels = stringMap(args.labels, "labels", problems);
  problems.push(...reservedLabelProblems(labels), ...labelProblems(labels, "labels"));
  const annotations = stringMap(args.annotations, "annotations", problems);
  problems.push(...annotationProblems(annotations, "annotations"));
  const namespace = args.namespace ?? "default";
  if (
    typeof namespace !== "string" ||
    !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) ||
    namespace.length > 63
  ) {
    problems.push(`namespace: ${JSON.stringify(namespace)} must be a DNS-1123 label`);
  }

  // Cross-field rules need a schema-valid spec (types and defaults in place).
  let warnings: string[] = [];
  if (problems.length === 0 && options.crossFieldRules !== false) {
    const rules = crossFieldRules(copy as unknown as ResolvedSpec, values, typeWasSet);
    problems.push(...rules.problems);
    warnings = rules.warnings;
  }
  if (problems.length > 0) throw new DittoSpecError(subject, problems);
  return {
    plan: {
      name,
      namespace: namespace as string,
      spec: copy as unknown as ResolvedSpec,
      labels,
      annotations,
      values,
    },
    warnings,
  };
}
