/** A generated v0.29 case rendered without the Pulumi runtime: its args as given (no release is added). */
import { renderServer, type RenderResult } from "../../../src/render";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import { b64, TEST_HASH_KEY } from "../../helpers/render";
import type { V029Case } from "./arbitraries";

/** Secret name → key → base64, as the API server stores `data`. */
export function encoded(secrets: V029Case["secrets"]): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(secrets).map(([name, data]) => [
      name,
      Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
    ]),
  );
}

export function renderCase(
  c: Pick<V029Case, "name" | "secrets" | "generated">,
  args: PlainArgs = (c as V029Case).args,
): RenderResult {
  return renderServer(
    c.name,
    structuredClone(args),
    encoded(c.secrets),
    TEST_HASH_KEY,
    c.generated,
  );
}
