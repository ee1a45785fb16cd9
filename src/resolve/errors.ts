/**
 * Errors on input: one line per problem, each `<field path>: <value> <rule>` (or the Secret and key, never a value).
 *
 * Their message is fixed. Pulumi prefixes `error serializing property "<name>": ` onto the message of an error that
 * rejects a resource input, in place; one invalid Output in the spec rejects every child's inputs with the same error,
 * so the message would grow a prefix per child and read differently depending on timing.
 */
abstract class FixedMessageError extends Error {
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, "message", {
      get: () => message,
      set: () => undefined,
      enumerable: false,
    });
  }
}

/** A spec that breaks one or more rules. */
export class DittoSpecError extends FixedMessageError {
  constructor(
    readonly subject: string,
    readonly problems: string[],
  ) {
    super(`${subject} is invalid:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "DittoSpecError";
  }
}

/** Secret contents the server would refuse; names the Secret and key, never the value. */
export class DittoSecretError extends FixedMessageError {
  constructor(
    readonly subject: string,
    readonly problems: string[],
  ) {
    super(
      `${subject}: ${problems.length === 1 ? problems[0] : "\n" + problems.map((p) => `  ${p}`).join("\n")}`,
    );
    this.name = "DittoSecretError";
  }
}

/**
 * Characters that would not show as themselves in a terminal or log: controls (C0, DEL, C1), line and paragraph
 * separators, the BOM, bidirectional and other format characters, lone surrogates and non-characters.
 */
const INVISIBLE =
  /[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escapeInvisible = (text: string) =>
  text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** A string for a message, quoted, its invisible characters escaped (never cut: names and keys). */
export function quote(text: string): string {
  return escapeInvisible(JSON.stringify(text));
}

/** JSON, with bigints as their digits; a value JSON cannot hold (a cycle) as a placeholder. */
function json(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ??
      String(value)
    );
  } catch {
    return "(a value that cannot be shown)";
  }
}

/**
 * Renders a value for an error message: strings quoted, numbers as JavaScript prints them (`Infinity`, `NaN`), the
 * rest as JSON; invisible characters escaped (`\u2028`), long values cut.
 */
export function show(value: unknown): string {
  const text =
    (typeof value === "number" && !Number.isFinite(value)) || typeof value === "bigint"
      ? String(value)
      : json(value);
  const escaped = escapeInvisible(text);
  if (escaped.length <= 80) return escaped;
  // Cut without splitting an escape (`\u2028`, `\"`) or a surrogate pair.
  const cut = escaped.slice(0, 77).replace(/\\u[0-9a-f]{0,3}$|\\$|[\ud800-\udbff]$/, "");
  return `${cut}...`;
}
