/**
 * `diff` for every kind: which inputs changed, and whether each change updates in place or replaces (the inputs with
 * `replaceOnChanges`). Values are compared without their secret tags and never put in the answer: the engine shows
 * the change from the state, where secrets stay masked.
 */
import { isDeepStrictEqual } from "util";
import { inputSchemas } from "./common-inputs";
import type { ResourceKind } from "./kind";
import { containsUnknown, reveal, type Plain } from "./wire";

export type ChangeKind =
  "add" | "delete" | "update" | "add-replace" | "delete-replace" | "update-replace";

export interface DiffAnswer {
  /** Changed top-level inputs and how. */
  changes: Record<string, ChangeKind>;
  /** The inputs whose change replaces the resource. */
  replaces: string[];
  /** The new resource cannot exist beside the old one (same key on the server): delete first. */
  deleteBeforeReplace: boolean;
}

/** Inputs that say how the provider acts, not what the server holds: a change to them alone changes nothing. */
const PROVIDER_ONLY = new Set(["adopt"]);

export function diffInputs(
  kind: ResourceKind<any>,
  oldInputs: Plain,
  newInputs: Plain,
): DiffAnswer {
  const olds = reveal(oldInputs).value as Plain;
  const news = reveal(newInputs).value as Plain;
  const schemas = inputSchemas(kind);
  const changes: Record<string, ChangeKind> = {};
  const replaces: string[] = [];
  for (const key of new Set([...Object.keys(olds), ...Object.keys(news)])) {
    if (PROVIDER_ONLY.has(key)) continue;
    const before = olds[key] ?? schemas[key]?.default;
    const after = news[key] ?? schemas[key]?.default;
    if (!containsUnknown(after) && isDeepStrictEqual(before, after)) continue;
    const replace = schemas[key]?.replaceOnChanges === true;
    const base = before === undefined ? "add" : after === undefined ? "delete" : "update";
    changes[key] = replace ? (`${base}-replace` as ChangeKind) : base;
    if (replace) replaces.push(key);
  }
  // A key not known yet may be the same one: deleting first is the choice that cannot fail with a 409.
  const sameKey =
    replaces.length > 0 && (containsUnknown(news) || safeId(kind, olds) === safeId(kind, news));
  return { changes, replaces, deleteBeforeReplace: sameKey };
}

function safeId(kind: ResourceKind<any>, inputs: Plain): string | undefined {
  try {
    return kind.id(inputs);
  } catch {
    return undefined;
  }
}
