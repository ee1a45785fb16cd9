/**
 * Args may hold Outputs (values of other resources). Those that decide which objects exist, or which Secrets are
 * read, must be known when the program runs; every other field may be an Output and is validated when it resolves,
 * with the same messages. This module finds the Outputs and builds the stand-in args used to plan the objects.
 */
import * as pulumi from "@pulumi/pulumi";
import specSchema from "../generated/spec-schema.json";

type Path = string[];

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

/** Fields whose whole value decides the objects (which exist, which Secrets are read, where). */
const DECIDING = [
  "namespace",
  "metrics.enabled",
  "percona.enabled",
  "percona.deleteWithServer",
  "identity.jwt.secretRef",
  "identity.admin.passwordSecretRef",
  "identity.admin.initialPasswordSecretRef",
  "database.postgresSecretRef",
  "s3.credentialsSecretRef",
].map((p) => p.split("."));

/** Objects whose presence decides, though their leaves may be Outputs. */
const PRESENCE = ["s3", "secretValues", "secretValues.s3"].map((p) => p.split("."));

const startsWith = (path: Path, prefix: Path) => prefix.every((p, i) => path[i] === p);

export function decidesStructure(path: Path): boolean {
  return (
    DECIDING.some((d) => startsWith(d, path) || startsWith(path, d)) ||
    PRESENCE.some((p) => startsWith(p, path))
  );
}

export function displayPath(path: Path): string {
  const top = ["namespace", "labels", "annotations", "secretValues"].includes(path[0]);
  return [...(top ? [] : ["spec"]), ...path].join(".");
}

/** A schema-valid value for a spec field, used only to plan objects while the real value is unknown. */
function standIn(path: Path): unknown {
  let schema: any = specSchema;
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
      (schema.required ?? []).map((r: string) => [r, standIn([...path, r])]),
    );
  }
  if (schema.type === "array") return [];
  if (schema.pattern === "^[0-9]+(Gi|Mi|Ti)$") return "1Gi";
  return "x";
}

/** The args with every Output replaced by a stand-in (secret values keep a placeholder: only presence counts). */
export function withStandIns<T>(args: T, paths: Path[]): T {
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
          : standIn(path);
  }
  return copy;
}

/**
 * The args as the spec resolution sees them: each `secretValues` value replaced by a placeholder. Those values are
 * secret material (gathered apart, src/component/secret-material.ts); only their presence shapes the objects, so
 * they never make the plan wait, nor mark every object secret.
 */
export function withSecretValuePresence<T extends { secretValues?: unknown }>(args: T): T {
  const values = args.secretValues as Record<string, unknown> | undefined;
  if (values === undefined || isDeferred(values)) return args;
  const mark = (v: unknown) => (v === undefined ? undefined : "");
  const s3 = values.s3 as Record<string, unknown> | undefined;
  return {
    ...args,
    secretValues: {
      jwtSecret: mark(values.jwtSecret),
      adminInitialPassword: mark(values.adminInitialPassword),
      postgresConnection: mark(values.postgresConnection),
      s3:
        s3 === undefined || isDeferred(s3)
          ? s3
          : {
              accessKeyId: mark(s3.accessKeyId),
              secretAccessKey: mark(s3.secretAccessKey),
              endpoint: mark(s3.endpoint),
            },
    },
  };
}
