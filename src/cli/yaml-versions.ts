/**
 * Plain scalars that YAML 1.1 readers (kubectl and every Go tool, through go-yaml v2) and YAML 1.2 readers (this
 * package) read as different values: `on`, `yes`, `y`, `off`, `no` (booleans in 1.1), `0777` (octal in 1.1),
 * `1_000`, `1:30` (numbers in 1.1), `2026-01-01` (a timestamp in 1.1), `0o17`, `0b101`. The same file would mean one
 * thing to render and another to `kubectl apply`; render asks for quotes instead of guessing.
 */
import { isPair, isScalar, isSeq, visit, type Document, type LineCounter } from "yaml";
import { quote, show } from "../resolve/errors";
import { childPath } from "../resolve/field-path";

export interface Ambiguity {
  /** `spec.identity.jwt.issuer`, or the parent's path and `(a key)` for a map key. */
  path: string;
  line: number;
  column: number;
  /** The scalar as written. */
  source: string;
  /** A map key (never secret), not a value. */
  isKey: boolean;
  /** What YAML 1.2 and YAML 1.1 read. */
  as12: unknown;
  as11: unknown;
}

const same = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b));

/** The field path of a node from its ancestors (as `visit` gives them). */
function pathOf(key: unknown, ancestors: readonly unknown[]): string {
  let path = "";
  // A map key: the path of its map, and the key named apart.
  const end = key === "key" ? ancestors.length - 1 : ancestors.length;
  for (let i = 1; i < end; i++) {
    const node = ancestors[i];
    const parent = ancestors[i - 1];
    if (isPair(node) && isScalar(node.key)) path = childPath(path, String(node.key.value));
    else if (isSeq(parent)) path = childPath(path, parent.items.indexOf(node as never));
  }
  if (typeof key === "number") return childPath(path, key);
  return key === "key" ? `${path || "(document)"}, a key` : path;
}

/** Plain scalars by source offset: their YAML 1.1 reading. */
function readings(doc: Document): Map<number, unknown> {
  const out = new Map<number, unknown>();
  visit(doc, {
    Scalar(_key, node) {
      if (node.type === "PLAIN" && node.range) out.set(node.range[0], node.value);
    },
  });
  return out;
}

/** Every plain scalar of `doc12` that `doc11` (the same text read as YAML 1.1) reads otherwise. */
export function ambiguities(doc12: Document, doc11: Document, lines: LineCounter): Ambiguity[] {
  const as11 = readings(doc11);
  const found: Ambiguity[] = [];
  visit(doc12, {
    Scalar(key, node, ancestors) {
      if (node.type !== "PLAIN" || !node.range || !as11.has(node.range[0])) return;
      const other = as11.get(node.range[0]);
      const value = other instanceof Date ? other.toISOString() : other;
      if (same(node.value, value) && !(other instanceof Date)) return;
      const { line, col } = lines.linePos(node.range[0]);
      found.push({
        path: pathOf(key, ancestors),
        line,
        column: col,
        source: node.source ?? String(node.value),
        isKey: key === "key",
        as12: node.value,
        as11: value,
      });
    },
  });
  return found;
}

/** One line per ambiguity; `secret`: the document's values are secret (a Secret): no value is shown, keys are. */
export function ambiguityLines(found: Ambiguity[], secret: boolean): string[] {
  return found.map((a) => {
    const where = `${a.path || "(document)"} (line ${a.line}, column ${a.column})`;
    if (secret && !a.isKey)
      return `${where}: YAML 1.2 and YAML 1.1 readers (kubectl) read this value differently: quote it`;
    return `${where}: ${quote(a.source)} reads as ${show(a.as12)} in YAML 1.2 but as ${show(a.as11)} for YAML 1.1 readers (kubectl): quote it to mean the string, or write it so both agree`;
  });
}
