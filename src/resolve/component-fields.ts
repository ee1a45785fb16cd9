/**
 * The component-only args: fields of `DittoServerArgs` that are not CRD spec fields. Listed here once; resolution,
 * the CLI (which rejects them inside a CR), the Output handling and the schema generator all read this list.
 */
import { DEFAULT_NAMESPACE } from "../defaults";
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
] as const;

/** Component fields (dotted) whose whole value decides which objects exist or where Secrets are read. */
export const DECIDING_COMPONENT_FIELDS = ["operatorRelease", "namespace"];
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

/** The component-only fields, checked; problems are appended to `problems`. */
export function componentFields(args: PlainArgs, problems: string[]): ComponentFields {
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
  return { namespace, labels, annotations, values: secretValuePresence(args.secretValues) };
}
