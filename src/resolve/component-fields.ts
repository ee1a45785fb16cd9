/**
 * The component-only args: fields of `DittoServerArgs` that are not CRD spec fields. Listed here once; resolution,
 * the CLI (which rejects them inside a CR), the Output handling and the schema generator all read this list.
 */
import type { ValidateFunction } from "ajv";
import { DEFAULT_NAMESPACE } from "../defaults";
import type { Platform } from "../generated/platform/platform";
import { platformRules } from "./platform-rules";
import { PLATFORM_FIELDS } from "./platform-schema";
import { formatSchemaErrors } from "./schema-errors";
import type { SecretValuePresence } from "../models/object-model";
import { reservedLabelProblems } from "../naming";
import { show } from "./errors";
import { annotationProblems, labelProblems } from "./metadata-rules";

export const COMPONENT_FIELDS = [
  "operatorRelease",
  "namespace",
  "labels",
  "annotations",
  "secretValues",
  ...PLATFORM_FIELDS,
] as const;

/** Component fields (dotted) whose whole value decides which objects exist or where Secrets are read. */
export const DECIDING_COMPONENT_FIELDS = [
  "operatorRelease",
  "namespace",
  "podDisruptionBudget.enabled",
];
/** Component objects whose presence decides, though their leaves may be Outputs. */
export const PRESENCE_COMPONENT_FIELDS = ["secretValues", "secretValues.s3"];

/** Plain (already unwrapped) args: spec fields and component-only fields. */
export interface PlainArgs {
  [field: string]: unknown;
  operatorRelease?: string;
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

export interface ComponentFields {
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  values: SecretValuePresence;
  /** Where and how the pod runs (both object models). */
  platform: Platform;
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

/** The platform args when none is given (what the schema's defaults make of `{}`). */
const NO_PLATFORM: Platform = { pod: {}, podDisruptionBudget: { enabled: false } };

let platformValidator: ValidateFunction | undefined;
/** Loaded on first use: most servers set no platform args, and its schema (affinity…) is the largest compiled one. */
const validatePlatform = (): ValidateFunction =>
  (platformValidator ??= require("../generated/platform/validate-platform").default);

function platformFields(args: PlainArgs, problems: string[], warnings: string[]): Platform {
  const given = Object.fromEntries(
    PLATFORM_FIELDS.filter((f) => args[f] !== undefined).map((f) => [f, args[f]]),
  );
  if (Object.keys(given).length === 0) return structuredClone(NO_PLATFORM);
  const platform = structuredClone(given);
  const validate = validatePlatform();
  if (!validate(platform)) {
    problems.push(...formatSchemaErrors(validate.errors ?? [], given, ""));
    return platform as unknown as Platform;
  }
  const rules = platformRules(platform as unknown as Platform);
  problems.push(...rules.problems);
  warnings.push(...rules.warnings);
  return platform as unknown as Platform;
}

/** The component-only fields, checked; problems and warnings are appended. */
export function componentFields(
  args: PlainArgs,
  problems: string[],
  warnings: string[] = [],
): ComponentFields {
  const labels = stringMap(args.labels, "labels", problems);
  problems.push(...reservedLabelProblems(labels), ...labelProblems(labels, "labels"));
  const annotations = stringMap(args.annotations, "annotations", problems);
  problems.push(...annotationProblems(annotations, "annotations"));
  const namespace = args.namespace ?? DEFAULT_NAMESPACE;
  if (
    typeof namespace !== "string" ||
    !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) ||
    namespace.length > 63
  ) {
    problems.push(`namespace: ${show(namespace)} must be a DNS-1123 label`);
  }
  const platform = platformFields(args, problems, warnings);
  return {
    namespace,
    labels,
    annotations,
    values: secretValuePresence(args.secretValues),
    platform,
  };
}
