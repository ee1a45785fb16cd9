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

/** Renders a value for an error message: strings quoted, the rest as JSON, long values cut. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
