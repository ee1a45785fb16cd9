/**
 * What the two store kinds share: the store name's rules, and the server's type-specific `config` — a JSON text in
 * requests, a JSON object (its secrets shown as `********`) in answers.
 */
import type { PropertySchema } from "../kind";
import type { Plain } from "../wire";

/** What the server answers in place of a secret config value. */
export const REDACTED = "********";

export function storeName(what: string): PropertySchema {
  return {
    type: "string",
    minLength: 1,
    maxLength: 255,
    // The server takes any non-empty name, but one with `/` cannot be addressed by its REST path again, `.`/`..`
    // are path segments HTTP clients collapse, and whitespace makes names shares and dfsctl commands misread.
    pattern: "^(?!\\.\\.?$)[^/\\\\\\s\\x00-\\x1f]+$",
    replaceOnChanges: true,
    description: `The ${what}'s name, unique on the server; shares name it (no whitespace, \`/\` or \`\\\`; not \`.\` or \`..\`). A change replaces the store.`,
  };
}

/** An answer's `config` as an object (an old server may send it as JSON text; none at all is `{}`). */
export function configOf(raw: unknown): Plain {
  if (typeof raw === "string") {
    try {
      const parsed: unknown = raw.trim() ? JSON.parse(raw) : {};
      return typeof parsed === "object" && parsed !== null ? (parsed as Plain) : {};
    } catch {
      return {};
    }
  }
  return typeof raw === "object" && raw !== null ? { ...(raw as Plain) } : {};
}

/**
 * The config to PUT: the server's current one with the managed keys replaced (undefined ones removed). Keys these
 * inputs do not cover stay as the server has them; their secrets come back as `********`, which the server's update
 * turns back into the stored values.
 */
export function mergedConfig(current: Plain, managedKeys: string[], managed: Plain): Plain {
  const out: Plain = { ...current };
  for (const k of managedKeys) delete out[k];
  for (const [k, v] of Object.entries(managed)) if (v !== undefined) out[k] = v;
  return out;
}

/** A config value read back, when it is a string (and not the redaction mark). */
export function str(config: Plain, key: string): string | undefined {
  const v = config[key];
  return typeof v === "string" && v !== REDACTED ? v : undefined;
}

export function num(config: Plain, key: string): number | undefined {
  const v = config[key];
  return typeof v === "number" ? v : undefined;
}

export function bool(config: Plain, key: string): boolean | undefined {
  const v = config[key];
  return typeof v === "boolean" ? v : undefined;
}

/** The object without its undefined fields (so a read compares equal to checked inputs). */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
