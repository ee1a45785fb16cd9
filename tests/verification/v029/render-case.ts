/** A generated v0.29 case rendered without the Pulumi runtime: its args as given (no release is added). */
import { renderServer, type RenderResult } from "../../../src/render";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import { TEST_HASH_KEY } from "../../helpers/render";
import type { V029Case } from "./arbitraries";
import { encodeSecrets } from "../../helpers/base64";

export function renderCase(
  c: Pick<V029Case, "name" | "secrets" | "generated">,
  args: PlainArgs = (c as V029Case).args,
): RenderResult {
  return renderServer(
    c.name,
    structuredClone(args),
    encodeSecrets(c.secrets),
    TEST_HASH_KEY,
    c.generated,
  );
}
