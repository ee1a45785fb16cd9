/** Pure rendering for tests: no Pulumi runtime, fixed generated values and hash key. */
import { renderServer, type RenderResult } from "../../src/render";
import type { SecretValues } from "../../src/secrets/types";
import type { PlainArgs } from "../../src/resolve/component-fields";
import { encodeSecrets } from "./base64";
import { FEB, V029 } from "./specs";

export const TEST_HASH_KEY = "test-hash-key";
export const GENERATED = {
  jwtSecret: "generatedJwtSecretValue0123456789ABCDEF",
  adminInitialPassword: "generated-admin-pass_123",
};

/** Secret name → key → plain value (encoded here as the API server stores it). */
export type PlainSecrets = Record<string, Record<string, string>>;

/** Renders with the Feb model unless `args` names a release. */
export function render(
  name: string,
  args: PlainArgs,
  secrets: PlainSecrets = {},
  generated: Partial<SecretValues> = GENERATED,
): RenderResult {
  return renderServer(
    name,
    { operatorRelease: FEB, ...args },
    encodeSecrets(secrets),
    TEST_HASH_KEY,
    generated,
  );
}

/** Renders with the v0.29 model. */
export function renderV029(
  name: string,
  args: PlainArgs,
  secrets: PlainSecrets = {},
  generated: Partial<SecretValues> = GENERATED,
): RenderResult {
  return render(name, { ...args, operatorRelease: V029 }, secrets, generated);
}
