/**
 * Rules on every value of the args, whatever its field: what JavaScript, JSON or YAML would silently change (an
 * integer beyond 2^53-1 loses digits, a lone UTF-16 surrogate becomes U+FFFD in UTF-8) and what no field can hold
 * (a function, a cycle, nesting deeper than any field). `secretValues` has its own checks (args-shape.ts), which
 * never show a value.
 */
import { show } from "./errors";
import { argPath } from "./field-path";

/** Deeper than any field of any model's spec; stops a hostile value before it exhausts the stack. */
const MAX_DEPTH = 32;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const SECRET_ROOT = "secretValues";

export interface ValueProblems {
  problems: string[];
  /** Problems that stop validation here: the value cannot be copied or walked further. */
  fatal: boolean;
}

/** An Output or a Promise: checked when it resolves. */
const isDeferred = (v: object) =>
  typeof (v as PromiseLike<unknown>).then === "function" ||
  (v as { __pulumiOutput?: unknown }).__pulumiOutput === true;

export function valueProblems(args: object, componentFields: readonly string[]): ValueProblems {
  const problems: string[] = [];
  let fatal = false;
  const ancestors = new Set<object>();
  const walk = (value: unknown, keys: Array<string | number>): void => {
    const path = () => argPath(keys, componentFields);
    if (keys.length === 1 && keys[0] === SECRET_ROOT) return;
    switch (typeof value) {
      case "string":
        if (LONE_SURROGATE.test(value))
          problems.push(
            `${path()}: ${show(value)} holds a lone UTF-16 surrogate, which is not valid Unicode (no UTF-8 or YAML reader can read it)`,
          );
        return;
      case "number":
        if (Number.isInteger(value) && !Number.isSafeInteger(value))
          problems.push(
            `${path()}: ${show(value)} is an integer beyond 2^53-1 (${Number.MAX_SAFE_INTEGER}): its digits cannot be kept exactly`,
          );
        return;
      case "function":
      case "symbol":
        problems.push(`${path()}: a ${typeof value} is not a value`);
        fatal = true;
        return;
      case "object":
        break;
      default:
        return;
    }
    if (value === null || isDeferred(value)) return;
    if (ancestors.has(value)) {
      problems.push(`${path()}: a circular reference`);
      fatal = true;
      return;
    }
    if (keys.length >= MAX_DEPTH) {
      problems.push(`${path()}: nested deeper than ${MAX_DEPTH} levels, deeper than any field`);
      fatal = true;
      return;
    }
    ancestors.add(value);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...keys, i]));
    else
      for (const [k, v] of Object.entries(value)) {
        if (LONE_SURROGATE.test(k))
          problems.push(
            `${argPath([...keys, k], componentFields)}: the key holds a lone UTF-16 surrogate, which is not valid Unicode`,
          );
        walk(v, [...keys, k]);
      }
    ancestors.delete(value);
  };
  walk(args, []);
  return { problems, fatal };
}
