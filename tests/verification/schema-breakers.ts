/**
 * Breakers derived from a model's spec schema, shared by the models' breakers: a wrong type, a value outside an enum,
 * an integer beyond its bounds, an unknown field, each at a field picked among those that can be set in the case
 * without breaking another rule. Each returns the changed args and the one field path every problem must name.
 */
import type { PlainArgs } from "../../src/resolve/component-fields";
import { getPath, setPath } from "./arbitraries";
import type { Obj } from "../helpers/objects";

type Schema = Record<string, any>;

/** A broken case, as a breaker returns it (the name, when it is what is broken, and the base are added later). */
export interface Breakage<Rule extends string = string> {
  rule: Rule;
  /** What was done, for messages. */
  change: string;
  args: PlainArgs;
  /** The field path every problem line must start with (`<path>: ...`). */
  path: string;
  /** The changed value's location from the args' root, when it is an arg (not the name). */
  changed?: string[];
  name?: string;
}

export type Breaker<C extends { args: PlainArgs }, Rule extends string = string> = (
  c: C,
  r: number,
) => Breakage<Rule> | undefined;

/** The rules every model's breakers break from its schema, first in their lists. */
export const SCHEMA_RULES = [
  "type",
  "enum",
  "minimum/maximum",
  "pattern",
  "required",
  "unknown field",
] as const;

export const pick = <T>(items: T[], r: number): T => items[Math.abs(r) % items.length];

/** Dotted path (array indices as numbers) → the error's notation: `spec.a.b[0].c`, or `secretValues.x`. */
export function displayPath(dotted: string): string {
  const top = dotted.split(".")[0];
  const prefix = ["namespace", "labels", "annotations", "secretValues"].includes(top)
    ? ""
    : "spec.";
  return `${prefix}${dotted}`.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

/** `c`'s args changed by `fn`, as a breakage of `rule` at `dotted` (or at `path` when the error names another). */
export function edit<Rule extends string>(
  c: { args: PlainArgs },
  rule: Rule,
  dotted: string,
  change: string,
  fn: (args: Obj) => void,
  path = displayPath(dotted),
): Breakage<Rule> {
  const args = structuredClone(c.args) as Obj;
  fn(args);
  return { rule, change, args, path, changed: dotted.split(".") };
}

export interface SchemaField {
  path: string;
  schema: Schema;
}

/** Every field of the spec schema with properties of its own (objects with properties, leaves), not map values. */
function schemaFields(schema: Schema, at: string[] = []): SchemaField[] {
  const own = at.length > 0 ? [{ path: at.join("."), schema }] : [];
  const children = Object.entries((schema.properties ?? {}) as Record<string, Schema>).flatMap(
    ([k, s]) => schemaFields(s, [...at, k]),
  );
  return [...own, ...children];
}

function wrongValue(schema: Schema, r: number): unknown {
  if (schema.anyOf) return pick([true, {}, []], r);
  switch (schema.type) {
    case "integer":
      return pick(["8080", 1.5, true, null], r);
    case "string":
      return pick([5, true, {}, ["x"]], r);
    case "boolean":
      return pick(["true", 1, "yes"], r);
    case "array":
      return pick(["x", { a: 1 }], r);
    default:
      return pick(["x", [], 3], r);
  }
}

/** The schema-derived breakers of one spec schema, and what they know of it. */
export function schemaBreakers<C extends { args: PlainArgs }>(specSchema: Schema) {
  const FIELDS = schemaFields(specSchema);
  const OBJECTS = [{ path: "", schema: specSchema }, ...FIELDS].filter(
    (f) => f.schema.type === "object" && f.schema.properties,
  );

  function schemaAt(dotted: string): Schema {
    let s: Schema = specSchema;
    for (const k of dotted.split(".")) s = s.properties[k];
    return s;
  }

  /**
   * True when `dotted` can be set in `args` without breaking another rule: every ancestor exists, or can be
   * created empty (it requires nothing without a default).
   */
  function settable(args: Obj, dotted: string): boolean {
    const keys = dotted.split(".");
    for (let i = 1; i < keys.length; i++) {
      const prefix = keys.slice(0, i).join(".");
      const value = getPath(args, prefix);
      if (value === undefined) {
        const required = (schemaAt(prefix).required ?? []).filter(
          (r: string) => schemaAt(`${prefix}.${r}`).default === undefined,
        );
        if (required.length > 0) return false;
      } else if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return false;
      }
    }
    return true;
  }

  const type: Breaker<C, "type"> = (c, r) => {
    const fields = FIELDS.filter((f) => settable(c.args as Obj, f.path));
    const f = pick(fields, r);
    const value = wrongValue(f.schema, r >> 3);
    return edit(c, "type", f.path, `${f.path} = ${JSON.stringify(value)}`, (a) =>
      setPath(a, f.path, value),
    );
  };

  const enumeration: Breaker<C, "enum"> = (c, r) => {
    const fields = FIELDS.filter((f) => f.schema.enum && settable(c.args as Obj, f.path));
    const f = pick(fields, r);
    const value = pick(
      ["bogus", "", `${f.schema.enum[0]}x`, String(f.schema.enum[0]).toUpperCase()],
      r >> 3,
    );
    if (f.schema.enum.includes(value)) return undefined;
    return edit(c, "enum", f.path, `${f.path} = ${JSON.stringify(value)}`, (a) =>
      setPath(a, f.path, value),
    );
  };

  const bounds: Breaker<C, "minimum/maximum"> = (c, r) => {
    const fields = FIELDS.filter(
      (f) =>
        f.schema.type === "integer" &&
        (f.schema.minimum !== undefined || f.schema.maximum !== undefined) &&
        settable(c.args as Obj, f.path),
    );
    const f = pick(fields, r);
    const options = [
      ...(f.schema.minimum !== undefined ? [f.schema.minimum - 1, f.schema.minimum - 1000] : []),
      ...(f.schema.maximum !== undefined ? [f.schema.maximum + 1, 2 ** 31] : []),
    ];
    const value = pick(options, r >> 3);
    return edit(c, "minimum/maximum", f.path, `${f.path} = ${value}`, (a) =>
      setPath(a, f.path, value),
    );
  };

  const unknown: Breaker<C, "unknown field"> = (c, r) => {
    const objects = OBJECTS.filter((o) => o.path === "" || settable(c.args as Obj, `${o.path}.x`));
    const o = pick(objects, r);
    const dotted = o.path ? `${o.path}.bogusField` : "bogusField";
    return edit(c, "unknown field", dotted, `add ${dotted}`, (a) =>
      setPath(a, dotted, pick([1, "x", {}], r >> 4)),
    );
  };

  return { fields: FIELDS, schemaAt, settable, type, enumeration, bounds, unknown };
}
