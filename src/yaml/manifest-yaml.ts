/**
 * YAML that every consumer reads as meant (issue 13).
 *
 * `kubectl` and every Go tool read YAML with go-yaml v2 (through `sigs.k8s.io/yaml`), which resolves plain scalars by
 * YAML 1.1 rules plus some of Go's own: `y`, `on`, `0777`, `0X1F`, `1_000`, `.5`, … are not strings there. Line
 * separators (U+2028, U+2029, U+0085) and C1 controls are line breaks or forbidden characters for a YAML 1.1 reader.
 * The `yaml` package writes YAML 1.2 and knows neither, so this module writes with it and adds what it lacks:
 *
 * - `compat`: the library's own way to also quote every string a second schema would read as something else. We pass
 *   its YAML 1.1 schema plus the plain-scalar forms go-yaml v2 resolves beyond it (`goYamlV2Tags`) and YAML 1.1's
 *   `=` (value type).
 * - the string tag is wrapped (`customTags`): a string holding a character that no YAML 1.1 reader keeps as it is in
 *   a plain, quoted or block scalar is written double-quoted by the library and those characters are escaped
 *   afterwards (the library escapes C0 controls itself, not C1, DEL, U+2028/9 or a BOM).
 * - values no YAML or JSON consumer can read back (a lone UTF-16 surrogate, NaN, ±Infinity, bigint, functions,
 *   symbols, cycles) are rejected with the path of the value.
 *
 * Everything else is the library's `stringify` with `lineWidth: 0`: ordinary objects keep the exact bytes
 * `stringify(obj, { lineWidth: 0 })` gave before. No anchors or aliases (`aliasDuplicateObjects: false`).
 */
import { Scalar, Schema, stringify } from "yaml";
import type { ScalarTag, Tags, ToStringOptions } from "yaml";

const STR_TAG = "tag:yaml.org,2002:str";

/** `_*` between the characters: go-yaml v2 deletes every `_` of a number-like scalar before parsing it. */
const u = "_*";
const digits = (d: string) => `(?:${d}${u})+`;

/**
 * Plain scalars go-yaml v2 (resolve.go, with Go's strconv) reads as numbers although the YAML 1.1 schema of the `yaml`
 * package would read them as strings. A scalar starting with a digit or sign has its underscores removed and is then
 * tried with `strconv.ParseInt(s, 0, 64)` (which takes `0x`/`0X`, `0o`/`0O`, `0b`/`0B` and a sign before any of them),
 * `ParseUint`, and a float pattern; one starting with `.` is tried with `strconv.ParseFloat`, which accepts `_` between
 * digits. Over-matching (e.g. a hexadecimal beyond 64 bits, which Go keeps as a string) only adds quotes.
 */
const goYamlV2Tags: ScalarTag[] = [
  {
    tag: "tag:yaml.org,2002:int",
    default: true,
    resolve: (s: string) => s,
    test: new RegExp(
      `^(?=[-+0-9])[-+]?${u}(?:${digits("[0-9]")}|0${u}[xX]${u}${digits("[0-9a-fA-F]")}|0${u}[oO]${u}${digits("[0-7]")}|0${u}[bB]${u}${digits("[01]")})$`,
    ),
  },
  {
    tag: "tag:yaml.org,2002:float",
    default: true,
    resolve: (s: string) => s,
    test: new RegExp(
      `^(?=[-+0-9])[-+]?${u}(?:\\.${u}${digits("[0-9]")}|${digits("[0-9]")}(?:\\.${u}(?:[0-9]${u})*)?)(?:[eE]${u}[-+]?${u}${digits("[0-9]")})?$`,
    ),
  },
  {
    tag: "tag:yaml.org,2002:float",
    default: true,
    resolve: (s: string) => s,
    test: /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/,
  },
];

/** YAML 1.1's value type: a plain `=` is no string for a reader that implements it (PyYAML fails on it). */
const yaml11ValueTag: ScalarTag = {
  tag: "tag:yaml.org,2002:value",
  default: true,
  resolve: (s: string) => s,
  test: /^=$/,
};

const compat: Tags = [
  ...(new Schema({ schema: "yaml-1.1" }).tags as Tags),
  ...goYamlV2Tags,
  yaml11ValueTag,
];

/**
 * Characters a YAML 1.1 reader does not read back as themselves when they stand raw in a scalar: C0 controls other
 * than tab and line feed, DEL, C1 controls (U+0085 is a line break), U+2028/U+2029 (line breaks), the BOM and the
 * non-characters U+FFFE/U+FFFF (outside YAML's printable set). A string holding one is written double-quoted, with
 * these escaped.
 */
const MUST_ESCAPE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const RAW_IN_OUTPUT = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;
/**
 * Multi-line strings the library would write as a block scalar (`|`) that YAML 1.1 readers do not read back: a line
 * holding only spaces or tabs before the first line with content (the block's indentation is not known yet there:
 * the `yaml` package drops the spaces, go-yaml v2 fails on a tab), or a first content line starting with a tab
 * (go-yaml v2: "found a tab character where an indentation space is expected"). Written double-quoted instead.
 */
const BLOCK_UNSAFE = /^\n*(?:[ \t]+\n|\t)/;
/**
 * With an indentation other than 2 spaces (the config file), also a first content line starting with a space: it needs
 * an indentation indicator, which the library always writes as `2` (right for 2-space indentation only).
 */
const BLOCK_UNSAFE_UNLESS_INDENT_2 = /^\n* /;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function escapeChar(c: string): string {
  switch (c) {
    case "\u2028":
      return "\\L";
    case "\u2029":
      return "\\P";
  }
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

function wrapStringTag(tags: Tags): Tags {
  return tags.map((t) => {
    if (typeof t === "string" || t.tag !== STR_TAG || !("stringify" in t) || !t.stringify) return t;
    const libStringify = t.stringify;
    const wrapped: ScalarTag = {
      ...(t as ScalarTag),
      stringify(item, ctx, onComment, onChompKeep) {
        const value = String(item.value);
        const escape = MUST_ESCAPE.test(value);
        const blockUnsafe =
          value.includes("\n") &&
          (BLOCK_UNSAFE.test(value) ||
            (ctx.indentStep !== "  " && BLOCK_UNSAFE_UNLESS_INDENT_2.test(value)));
        if (!escape && !blockUnsafe) return libStringify(item, ctx, onComment, onChompKeep);
        const quoted = new Scalar(value);
        quoted.type = Scalar.QUOTE_DOUBLE;
        const out = libStringify(quoted, ctx, onComment, onChompKeep);
        return escape ? out.replace(RAW_IN_OUTPUT, escapeChar) : out;
      },
    };
    return wrapped;
  });
}

/** Thrown for a value that no YAML 1.1 or JSON reader could read back as it is; names the path of the value. */
export class ManifestYamlError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path || "(root)"}: ${message}`);
    this.name = "ManifestYamlError";
  }
}

function pathOf(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(key)
    ? parent
      ? `${parent}.${key}`
      : key
    : `${parent}[${JSON.stringify(key)}]`;
}

function checkString(s: string, path: string, what: string): void {
  if (LONE_SURROGATE.test(s))
    throw new ManifestYamlError(
      path,
      `${what} holds a lone UTF-16 surrogate, which cannot be written as UTF-8 nor read back by a YAML reader`,
    );
}

/** Rejects what JSON cannot hold or YAML readers cannot read back, naming the path; the value itself is never shown. */
function check(value: unknown, path: string, seen: Set<object>, maxKeyLength: number): void {
  switch (typeof value) {
    case "string":
      return checkString(value, path, "the string");
    case "number":
      if (!Number.isFinite(value))
        throw new ManifestYamlError(path, "not a finite number (NaN and Infinity are not JSON)");
      return;
    case "boolean":
    case "undefined":
      return;
    case "object":
      break;
    default:
      throw new ManifestYamlError(path, `a ${typeof value} is not a JSON value`);
  }
  if (value === null) return;
  if (seen.has(value)) throw new ManifestYamlError(path, "circular reference");
  seen.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => check(v, pathOf(path, i), seen, maxKeyLength));
  else
    for (const [k, v] of Object.entries(value)) {
      const p = pathOf(path, k);
      checkString(k, p, "the key");
      if (k.length > maxKeyLength)
        throw new ManifestYamlError(p, `a key longer than ${maxKeyLength} characters`);
      check(v, p, seen, maxKeyLength);
    }
  seen.delete(value);
}

const BASE_OPTIONS = {
  lineWidth: 0,
  aliasDuplicateObjects: false,
  // The library folds a long double-quoted string with line breaks over several lines, and writes a line holding a
  // single space there as `\\ ` (an escaped backslash): read back as "\\ ". One line, with `\n` escapes, instead.
  doubleQuotedMinMultiLineLength: Number.POSITIVE_INFINITY,
  compat,
  customTags: wrapStringTag,
} as const;

function safeStringify(
  obj: unknown,
  options: ToStringOptions & { sortMapEntries?: boolean },
  maxKeyLength = Number.POSITIVE_INFINITY,
): string {
  if (obj === undefined) throw new ManifestYamlError("", "undefined is not a JSON value");
  check(obj, "", new Set(), maxKeyLength);
  return stringify(obj, { ...BASE_OPTIONS, ...options });
}

/**
 * One Kubernetes object as a YAML document body (no `---`), read back as exactly `obj` (as JSON) by YAML 1.1
 * readers (kubectl, `sigs.k8s.io/yaml`, go-yaml v2) and YAML 1.2 readers alike. Byte-identical to
 * `stringify(obj, { lineWidth: 0 })` except where that would be read differently. Throws `ManifestYamlError` (with
 * the path) for a value that no reader can read back.
 */
export function manifestYaml(obj: unknown): string {
  return safeStringify(obj, {});
}

/**
 * Keys of the config file are short names. A key whose written form exceeds 1024 characters becomes an explicit key
 * (`? key`), and with 4-space indentation the library then misplaces a list or map value under it; 128 characters
 * cannot reach 1024 even with every character escaped (`\uXXXX`).
 */
const CONFIG_MAX_KEY_LENGTH = 128;

/**
 * The server's config file: as `stringify(config, { indent: 4, lineWidth: 0, sortMapEntries: false })`, with the same
 * quoting and escaping as `manifestYaml` (yaml.v3, which the server reads it with, quotes YAML 1.1 booleans such as `y`
 * and `on` too when it writes, for YAML 1.1 readers). Keys are limited to 128 characters.
 */
export function configYaml(obj: unknown): string {
  return safeStringify(obj, { indent: 4, sortMapEntries: false }, CONFIG_MAX_KEY_LENGTH);
}
