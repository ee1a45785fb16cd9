/**
 * `check` for every kind: the inputs against the kind's property schemas (ajv, with defaults filled in), then its own
 * rules; each failure names its property path and never quotes a secret. A value not known yet (a preview's Output)
 * counts as present and is not checked.
 */
import Ajv, { type ValidateFunction } from "ajv";
import { formatSchemaErrors } from "../resolve/schema-errors";
import { inputSchemas } from "./common-inputs";
import type { Failure, PropertySchema, ResourceKind } from "./kind";
import { containsUnknown, type Plain } from "./wire";

const ajv = new Ajv({ allErrors: true, useDefaults: true });
ajv.addVocabulary(["secret", "replaceOnChanges"]);
const validators = new WeakMap<object, ValidateFunction>();

export function objectSchema(
  properties: Record<string, PropertySchema>,
  required: string[],
): Record<string, unknown> {
  return { type: "object", properties, required, additionalProperties: false };
}

function validatorOf(
  schemas: Record<string, PropertySchema>,
  required: string[],
): ValidateFunction {
  let validate = validators.get(schemas);
  if (!validate) {
    validate = ajv.compile(objectSchema(schemas, required));
    validators.set(schemas, validate);
  }
  return validate;
}

/** Stands in for a secret in an error message: `password: (a secret value) must be a string`. */
const REDACTED = {
  toJSON: (): undefined => undefined,
  toString: (): string => "(a secret value)",
};

/** The inputs with every schema-secret value (at any depth) replaced by REDACTED, for messages. */
export function redact(value: unknown, schema: PropertySchema | undefined): unknown {
  if (schema?.secret) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redact(v, schema?.items));
  if (typeof value === "object" && value !== null) {
    const out: Plain = {};
    for (const [k, v] of Object.entries(value as Plain)) {
      const child =
        schema?.properties?.[k] ??
        (typeof schema?.additionalProperties === "object"
          ? schema.additionalProperties
          : undefined);
      out[k] = redact(v, child);
    }
    return out;
  }
  return value;
}

export interface Checked {
  /** The inputs with defaults filled in (unknown values kept as they came). */
  inputs: Plain;
  failures: Failure[];
}

const schemaCache = new WeakMap<ResourceKind<any>, Record<string, PropertySchema>>();

/** A kind's inputs checked: schema, then its rules. */
export function checkInputs(kind: ResourceKind<any>, news: Plain): Checked {
  let schemas = schemaCache.get(kind);
  if (!schemas) schemaCache.set(kind, (schemas = inputSchemas(kind)));
  return checkProperties(schemas, kind.requiredInputs, news, kind.rules?.bind(kind));
}

/** Properties checked against their schemas (defaults filled in), then `rules` when everything is known. */
export function checkProperties(
  schemas: Record<string, PropertySchema>,
  required: string[],
  news: Plain,
  rules?: (inputs: Plain) => Failure[],
): Checked {
  const unknown = Object.keys(news).filter((k) => containsUnknown(news[k]));
  const probe: Plain = structuredClone(
    Object.fromEntries(Object.entries(news).filter(([k]) => !unknown.includes(k))),
  );
  const validate = validatorOf(schemas, required);
  const errors = validate(probe)
    ? []
    : (validate.errors ?? []).filter(
        (e) =>
          !(
            e.keyword === "required" &&
            e.instancePath === "" &&
            unknown.includes(e.params.missingProperty)
          ),
      );
  const redacted = redact(probe, { type: "object", description: "", properties: schemas });
  const failures: Failure[] = formatSchemaErrors(errors, redacted, "").map(toFailure);
  const inputs: Plain = { ...probe, ...Object.fromEntries(unknown.map((k) => [k, news[k]])) };
  if (failures.length === 0 && unknown.length === 0 && rules) failures.push(...rules(inputs));
  return { inputs, failures };
}

/** `path: reason` as the engine's CheckFailure (property and reason apart). */
function toFailure(line: string): Failure {
  const at = line.indexOf(": ");
  return { property: line.slice(0, at), reason: line.slice(at + 2) };
}
