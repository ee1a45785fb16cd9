/** What the e2e scenarios read in `pulumi preview --diff` output. */
import { expect } from "chai";
import { b64 } from "../helpers/base64";

/** The resource lines of a preview: `<type> <action>` for each `<op> <pkg>:<module>:<Type>: (<action>)` line. */
export function changes(preview: string): string[] {
  return preview
    .split("\n")
    .map((l) =>
      l.match(
        /^\s*(?:\+-|-\+|[~+\-]|>)\s*(\w+:[\w:/.-]+): \((create|update|replace|delete|read|create-replacement|delete-replaced|refresh)\)/,
      ),
    )
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);
}

/**
 * Each resource block of a preview as `<type> <action> <logical name>` (the URN's last segment), in output order:
 * what a step does to which object.
 */
export function steps(preview: string): string[] {
  const out: string[] = [];
  let pending: string | undefined;
  for (const line of preview.split("\n")) {
    const head = line.match(
      /^\s*(?:\+-|-\+|[~+\-]|>)\s*(\w+:[\w:/.-]+): \((create|update|replace|delete|read|create-replacement|delete-replaced|refresh)\)/,
    );
    if (head) pending = `${head[1]} ${head[2]}`;
    const urn = line.match(/^\s*\[urn=urn:pulumi:[^\]]*::([^:\]]+)\]$/);
    if (urn && pending) {
      out.push(`${pending} ${urn[1]}`);
      pending = undefined;
    }
  }
  return out;
}

/** Fails when any of `plaintexts` (or its base64 form) appears in `text`. */
export function expectNoPlaintext(text: string, plaintexts: string[]): void {
  for (const p of plaintexts) {
    expect(text).not.to.include(p);
    expect(text).not.to.include(b64(p));
  }
}
