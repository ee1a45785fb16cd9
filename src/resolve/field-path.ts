/** Field paths in error messages: `spec.a.b`, `spec.list[0]`, `spec.resources.limits["example.com/gpu"]`. */
import { quote } from "./errors";

/** `parent` + one key (a map key or a property) or an array index. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (/^[A-Za-z_][\w-]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${quote(key)}]`;
}

/** The path of an args field: spec fields under `spec.`, component-only fields at the root. */
export function argPath(keys: Array<string | number>, componentFields: readonly string[]): string {
  const root = typeof keys[0] === "string" && componentFields.includes(keys[0]) ? "" : "spec";
  return keys.reduce<string>((path, key) => childPath(path, key), root);
}
