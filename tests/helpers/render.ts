/** Pure rendering for tests: no Pulumi runtime, fixed generated values and hash key. */
import { renderServer, type RenderResult } from "../../src/render";
import type { SecretValues } from "../../src/secrets/types";
import type { PlainArgs } from "../../src/resolve/component-fields";

export const TEST_HASH_KEY = "test-hash-key";
export const GENERATED = {
  jwtSecret: "generatedJwtSecretValue0123456789ABCDEF",
  adminInitialPassword: "generated-admin-pass_123",
};

export function b64(s: string): string {
  return Buffer.from(s, "utf8").toString("base64");
}

/** The object model of the February 2026 operator: what the suites written for it render unless told otherwise. */
export const FEB = "2026-02";

/**
 * Renders with the Feb model unless `args` names a release. `secrets`: Secret name → key → plain value (encoded here
 * as the API server stores it).
 */
export function render(
  name: string,
  args: PlainArgs,
  secrets: Record<string, Record<string, string>> = {},
  generated: Partial<SecretValues> = GENERATED,
): RenderResult {
  const read: Record<string, Record<string, string>> = {};
  for (const [secret, data] of Object.entries(secrets)) {
    read[secret] = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)]));
  }
  return renderServer(name, { operatorRelease: FEB, ...args }, read, TEST_HASH_KEY, generated);
}

type Obj = Record<string, any>;

export function find(result: RenderResult, kind: string, name: string): Obj {
  const found = (result.objects as Obj[]).find((o) => o.kind === kind && o.metadata.name === name);
  if (!found)
    throw new Error(
      `no ${kind} ${name} in ${(result.objects as Obj[]).map((o) => `${o.kind}/${o.metadata.name}`).join(", ")}`,
    );
  return found;
}

export function maybe(result: RenderResult, kind: string, name: string): Obj | undefined {
  return (result.objects as Obj[]).find((o) => o.kind === kind && o.metadata.name === name);
}

export function container(result: RenderResult, name: string): Obj {
  return find(result, "StatefulSet", name).spec.template.spec.containers[0];
}

export function envNames(result: RenderResult, name: string): string[] {
  return container(result, name).env.map((e: Obj) => e.name);
}
