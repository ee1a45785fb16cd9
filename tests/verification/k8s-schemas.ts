/**
 * Validates the objects the component emits against real schemas, never a hand-written copy of them:
 *
 * - core/v1 Secret, ConfigMap, Service, apps/v1 StatefulSet, networking.k8s.io/v1 NetworkPolicy and policy/v1
 *   PodDisruptionBudget:
 *   `kubernetes-models` (its classes' `validate()`, ajv code generated from Kubernetes' OpenAPI spec: types, enums,
 *   int32/int64, quantities, required fields).
 * - Unknown fields of those objects: `kubernetes-models` does not reject them and ships no JSON schemas (only
 *   precompiled validators). Its validator reads every property its schema knows (`data.<prop>`) and enumerates the
 *   keys of maps only (labels, data, limits, ...), so the same `validate()` is run once more on a Proxy that records
 *   what it reads: a key it never read, in an object whose keys it never enumerated, is a field Kubernetes' schema
 *   does not have.
 * - Custom resources, each against its CRD: the PerconaPGCluster (Percona's CRD v2.8.2) and the ServiceMonitor
 *   (prometheus-operator's CRD v0.93.0), with ajv, every object closed with `additionalProperties: false` where the
 *   CRD lists properties and does not preserve unknown fields; their CEL rules (`x-kubernetes-validations`) with
 *   `@marcbachmann/cel-js`; their `metadata` (left open by a CRD) as an ObjectMeta via `kubernetes-models`.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv, { type ValidateFunction } from "ajv";
import { evaluate } from "@marcbachmann/cel-js";
import { parse } from "yaml";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { REFERENCE } from "../helpers/samples";
import type { Obj } from "../helpers/objects";

export const PERCONA_CRD = path.join(
  REFERENCE,
  "percona",
  "perconapgclusters.pgv2.percona.com-v2.8.2.yaml",
);
export const SERVICE_MONITOR_CRD = path.join(
  REFERENCE,
  "prometheus-operator",
  "monitoring.coreos.com_servicemonitors-v0.93.0.yaml",
);

/** The `validate()` of each kubernetes-models class, by `apiVersion/kind`. */
const MODELS: Record<string, { prototype: { validate(): void } }> = {
  "v1/Secret": Secret,
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "apps/v1/StatefulSet": StatefulSet,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
};

export const PERCONA_KIND = "pgv2.percona.com/v2/PerconaPGCluster";
export const SERVICE_MONITOR_KIND = "monitoring.coreos.com/v1/ServiceMonitor";

/** The CRD of each custom resource kind the component emits, and the version of it that the object uses. */
const CRDS: Record<string, { file: string; version: string }> = {
  [PERCONA_KIND]: { file: PERCONA_CRD, version: "v2" },
  [SERVICE_MONITOR_KIND]: { file: SERVICE_MONITOR_CRD, version: "v1" },
};

/** Kinds this module can check; anything else the component emits is a problem in itself. */
export const KNOWN_KINDS = [...Object.keys(MODELS), ...Object.keys(CRDS)];

interface Visit {
  path: string;
  value: Obj;
  read: Set<string>;
  enumerated: boolean;
}

/** A read-recording view of `value`: every object reached through it records the keys read and any enumeration. */
function recording(value: unknown, at: string, visits: Visit[]): unknown {
  if (typeof value !== "object" || value === null) return value;
  const visit: Visit = { path: at, value: value as Obj, read: new Set(), enumerated: false };
  visits.push(visit);
  const children = new Map<string, unknown>();
  return new Proxy(value as Obj, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof key !== "string") return v;
      visit.read.add(key);
      if (typeof v !== "object" || v === null) return v;
      if (!children.has(key)) {
        const child = Array.isArray(target) ? `${at}[${key}]` : `${at}.${key}`;
        children.set(key, recording(v, child, visits));
      }
      return children.get(key);
    },
    ownKeys(target) {
      visit.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

/** Runs a kubernetes-models validate() on `obj`; returns its message, or undefined when valid. */
function runModel(model: { prototype: { validate(): void } }, obj: unknown): string | undefined {
  try {
    model.prototype.validate.call(obj);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Keys of `obj` (at any depth) that the model's schema does not know. */
export function unknownFields(model: { prototype: { validate(): void } }, obj: unknown): string[] {
  const visits: Visit[] = [];
  runModel(model, recording(obj, "", visits));
  const unknown: string[] = [];
  for (const v of visits) {
    if (v.enumerated || Array.isArray(v.value)) continue;
    for (const [key, value] of Object.entries(v.value)) {
      if (value !== undefined && !v.read.has(key)) unknown.push(`${v.path}.${key}`.slice(1));
    }
  }
  return unknown;
}

/** Closes every object that lists properties and does not preserve unknown fields (in place). */
export function closeObjects(schema: Obj): Obj {
  if (
    schema.type === "object" &&
    schema.properties &&
    schema.additionalProperties === undefined &&
    !schema["x-kubernetes-preserve-unknown-fields"]
  ) {
    schema.additionalProperties = false;
  }
  for (const child of Object.values(schema.properties ?? {})) closeObjects(child as Obj);
  if (schema.items && typeof schema.items === "object") closeObjects(schema.items);
  if (schema.additionalProperties && typeof schema.additionalProperties === "object")
    closeObjects(schema.additionalProperties);
  for (const k of ["anyOf", "allOf", "oneOf"])
    for (const s of schema[k] ?? []) closeObjects(s as Obj);
  return schema;
}

interface CelRule {
  /** Property names from the root; `[]` steps into array items. */
  at: string[];
  rule: string;
  message?: string;
}

function celRules(schema: Obj, at: string[] = []): CelRule[] {
  const own = (schema["x-kubernetes-validations"] ?? []).map((r: Obj) => ({
    at,
    rule: r.rule as string,
    message: r.message as string | undefined,
  }));
  return [
    ...own,
    ...Object.entries(schema.properties ?? {}).flatMap(([k, s]) => celRules(s as Obj, [...at, k])),
    ...(schema.items ? celRules(schema.items, [...at, "[]"]) : []),
  ];
}

function valuesAt(value: unknown, at: string[]): unknown[] {
  if (at.length === 0) return value === undefined ? [] : [value];
  const [step, ...rest] = at;
  if (step === "[]")
    return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, rest)) : [];
  if (typeof value !== "object" || value === null) return [];
  return valuesAt((value as Obj)[step], rest);
}

export interface CrdSchema {
  validate: ValidateFunction;
  rules: CelRule[];
  ruleCount: number;
}

const compiled = new Map<string, CrdSchema>();

/** The kind's CRD schema, closed, compiled once per process (about a second for Percona's). */
export function crdSchema(kind: string): CrdSchema {
  let schema = compiled.get(kind);
  if (!schema) {
    const { file, version: name } = CRDS[kind];
    const crd = parse(fs.readFileSync(file, "utf8"));
    const version = crd.spec.versions.find((v: { name: string }) => v.name === name);
    const closed = closeObjects(structuredClone(version.schema.openAPIV3Schema));
    // `optimize: false` compiles a large CRD in a fraction of the time; the validator behaves the same.
    const validate = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: false,
      code: { optimize: false },
    }).compile(closed);
    const rules = celRules(version.schema.openAPIV3Schema);
    schema = { validate, rules, ruleCount: rules.length };
    compiled.set(kind, schema);
  }
  return schema;
}

/** Percona's v2 schema (see crdSchema). */
export function perconaSchema(): CrdSchema {
  return crdSchema(PERCONA_KIND);
}

/** prometheus-operator's ServiceMonitor v1 schema (see crdSchema). */
export function serviceMonitorSchema(): CrdSchema {
  return crdSchema(SERVICE_MONITOR_KIND);
}

function validateCustomResource(kind: string, obj: Obj): string[] {
  const { validate, rules } = crdSchema(kind);
  const problems: string[] = [];
  if (!validate(obj)) {
    for (const e of validate.errors ?? []) {
      const extra = e.keyword === "additionalProperties" ? ` (${e.params.additionalProperty})` : "";
      problems.push(`${e.instancePath || "/"} ${e.message}${extra}`);
    }
  }
  for (const rule of rules) {
    for (const self of valuesAt(obj, rule.at)) {
      let ok: unknown;
      try {
        ok = evaluate(rule.rule, { self });
      } catch (e) {
        ok = `error: ${(e as Error).message}`;
      }
      if (ok !== true) {
        problems.push(
          `/${rule.at.join("/")} CEL rule failed (${rule.message ?? rule.rule}): ${String(ok)}`,
        );
      }
    }
  }
  // A CRD leaves metadata open (the API server checks it as an ObjectMeta): check it as one.
  const metaHolder = { apiVersion: "v1", kind: "ConfigMap", metadata: obj.metadata };
  const metaError = runModel(ConfigMap, metaHolder);
  if (metaError) problems.push(`metadata: ${metaError}`);
  for (const field of unknownFields(ConfigMap, metaHolder))
    problems.push(`${field}: unknown field`);
  return problems;
}

function kindOf(obj: Obj): string {
  return `${obj?.apiVersion}/${obj?.kind}`;
}

/** Every problem of one emitted object, each prefixed `<Kind>/<name>`; empty when Kubernetes would accept it. */
export function objectProblems(obj: Obj): string[] {
  const label = `${obj?.kind}/${obj?.metadata?.name}`;
  const kind = kindOf(obj);
  let problems: string[];
  if (CRDS[kind]) {
    problems = validateCustomResource(kind, obj);
  } else if (MODELS[kind]) {
    const model = MODELS[kind];
    const message = runModel(model, obj);
    problems = [
      ...(message ? [message] : []),
      ...unknownFields(model, obj).map((f) => `${f}: unknown field`),
    ];
  } else {
    problems = [`no schema for ${kind}`];
  }
  return problems.map((p) => `${label}: ${p}`);
}

/** Problems of every object, flattened. */
export function objectsProblems(objects: object[]): string[] {
  return objects.flatMap((o) => objectProblems(o as Obj));
}
