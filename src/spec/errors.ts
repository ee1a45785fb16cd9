/** A spec that breaks one or more rules; one line per problem, each `<field path>: <value> <rule>`. */
export class DittoSpecError extends Error {
  constructor(
    readonly subject: string,
    readonly problems: string[],
  ) {
    super(`${subject} is invalid:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "DittoSpecError";
  }
}

/** Secret contents the server would refuse; names the Secret and key, never the value. */
export class DittoSecretError extends Error {
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
