/**
 * The shape of the args before anything else reads them: an object, and `secretValues` with known fields only, each
 * a string of valid Unicode (or an Output/Promise of one, checked when it resolves: src/secrets/seal.ts). A value
 * there is secret: a message names its path and its type, never the value.
 */
import { DittoSpecError, quote } from "./errors";

type Shape = { [field: string]: "string" | "required string" | Shape };

/** `secretValues`, field by field (src/args.ts `SecretValuesArgs`). */
export const SECRET_VALUES_SHAPE: Shape = {
  jwtSecret: "string",
  adminInitialPassword: "string",
  postgresConnection: "string",
  s3: { accessKeyId: "required string", secretAccessKey: "required string", endpoint: "string" },
};

/** "a number", "null", "an array", …: what a value is, without the value. */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "a map";
  if (typeof value === "bigint") return "a number";
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`;
}

const isDeferred = (v: unknown) =>
  typeof v === "object" &&
  v !== null &&
  (typeof (v as PromiseLike<unknown>).then === "function" ||
    (v as { __pulumiOutput?: unknown }).__pulumiOutput === true);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The problem of a secret string, if any (UTF-8 would silently turn a lone surrogate into U+FFFD). */
export function secretStringProblem(value: string, path: string): string | undefined {
  return LONE_SURROGATE.test(value)
    ? `${path}: the value holds a lone UTF-16 surrogate, which is not valid Unicode (UTF-8 would change it)`
    : undefined;
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function shapeProblems(value: unknown, shape: Shape, path: string): string[] {
  if (isDeferred(value)) return [];
  if (!isMap(value)) return [`${path}: must be a map, not ${describeType(value)}`];
  const problems: string[] = [];
  for (const key of Object.keys(value))
    if (!(key in shape)) problems.push(`${path}.${key}: unknown field`);
  for (const [key, expected] of Object.entries(shape)) {
    const v = value[key];
    const at = `${path}.${key}`;
    if (v === undefined) {
      if (expected === "required string") problems.push(`${at}: is required`);
    } else if (typeof expected === "object") problems.push(...shapeProblems(v, expected, at));
    else if (typeof v === "string") {
      const problem = secretStringProblem(v, at);
      if (problem) problems.push(problem);
    } else if (!isDeferred(v)) problems.push(`${at}: must be a string, not ${describeType(v)}`);
  }
  return problems;
}

/** Problems of `secretValues` (the value of the args' field), never showing a value. */
export function secretValuesProblems(values: unknown): string[] {
  return values === undefined ? [] : shapeProblems(values, SECRET_VALUES_SHAPE, "secretValues");
}

/** The problem of args that are no map (null, a string, an Output…), if they are not. */
export function argsProblem(args: unknown): string | undefined {
  return isMap(args) && !isDeferred(args)
    ? undefined
    : `args: must be a map of DittoServer arguments, not ${isDeferred(args) ? "an Output or a Promise" : describeType(args)}`;
}

/**
 * The args as the component's spec resolution sees them: each `secretValues` value that is valid (a string of valid
 * Unicode, or an Output/Promise) replaced by "" — those values are secret material, gathered apart; only their
 * presence shapes the objects — and anything else left in place for resolution to report with the spec's problems
 * (unknown fields, wrong types: never shown). Throws DittoSpecError for args that are no map.
 */
export function maskSecretValues<T>(name: string, args: T, subject?: string): T {
  const notAMap = argsProblem(args);
  if (notAMap) throw new DittoSpecError(subject ?? `DittoServer ${quote(name)}`, [notAMap]);
  const values = (args as { secretValues?: unknown }).secretValues;
  if (!isMap(values) || isDeferred(values)) return args;
  const mask = (v: unknown) =>
    isDeferred(v) || (typeof v === "string" && !LONE_SURROGATE.test(v)) ? "" : v;
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    masked[key] =
      key === "s3" && isMap(value) && !isDeferred(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]))
        : mask(value);
  }
  return { ...args, secretValues: masked };
}
