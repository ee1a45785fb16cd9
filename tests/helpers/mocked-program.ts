/**
 * What a DittoServer built under the Pulumi mocks leaves behind besides its objects: the warnings it logs, and, when a
 * test makes it fail on purpose, registrations that never settle. Both belong to the test that caused them, so that a
 * passing `npm test` prints nothing of its own and ends clean.
 */
import * as pulumi from "@pulumi/pulumi";
// Internal to the SDK (no typings): where the runtime keeps the promises it reports as leaked at exit.
import * as runtimeState from "@pulumi/pulumi/runtime/state";

type Pending = Set<Promise<unknown> & { _debugCtx?: string }>;
const { getStore } = runtimeState as unknown as { getStore(): { leakCandidates: Pending } };

/**
 * Collects what `pulumi.log.warn` receives in the current `describe` (reset before each test) instead of printing it;
 * the tests assert on `captured.messages`.
 */
export function captureWarnings(): { messages: string[] } {
  const captured = { messages: [] as string[] };
  const log = pulumi.log as { warn: (message: string, ...rest: unknown[]) => Promise<void> };
  let original: typeof log.warn | undefined;
  before(() => {
    original = log.warn;
    log.warn = async (message: string) => {
      captured.messages.push(message);
    };
  });
  beforeEach(() => {
    captured.messages = [];
  });
  after(() => {
    if (original) log.warn = original;
  });
  return captured;
}

const failed = new Set<string>();

/**
 * Declares that the DittoServer `name` failed on purpose (its secret contents or an Output arg reject), after the test
 * has checked the failure. The runtime never settles the registrations of children whose inputs rejected: a real
 * `pulumi up` ends on the logged error, and the runtime skips its leaked-promise report then. Under the mocks the
 * process goes on, and at exit that report would count them. After the last test, the pending registrations of the
 * declared components (and only those) are dropped from it; any other pending promise is still reported.
 */
export function failedProgram(name: string): void {
  failed.add(name);
}

/** `resource:<name>[type]` or `resource:<name>-<child>[type]` in a runtime promise's debug label. */
function ofFailedProgram(label: string): boolean {
  const match = /\(resource:([^[\]]+)\[/.exec(label);
  if (!match) return false;
  const resource = match[1];
  for (const name of failed) if (resource === name || resource.startsWith(`${name}-`)) return true;
  return false;
}

after(() => {
  const pending = getStore().leakCandidates;
  for (const promise of [...pending])
    if (ofFailedProgram(promise._debugCtx ?? "")) pending.delete(promise);
});
