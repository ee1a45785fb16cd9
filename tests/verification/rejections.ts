/** How both models' invalid-spec suites check a spec with one rule broken. */
import { expect } from "chai";
import { DittoServer } from "../../src/ditto-server";
import { DittoSpecError } from "../../src/resolve/errors";
import { registered } from "../helpers/mocks";

/** The field path of a problem line (`spec.x.y: ...` → `spec.x.y`). */
export const problemPath = (line: string): string => line.slice(0, line.indexOf(": "));

/** What a broken case says about itself. */
export interface Broken {
  name: string;
  args: unknown;
  rule: string;
  change: string;
  /** The field path every problem line must start with. */
  path: string;
}

/** The DittoSpecError a render throws (any other error, or none, fails). */
function renderError(b: Broken, render: () => unknown): DittoSpecError {
  try {
    render();
  } catch (e) {
    if (e instanceof DittoSpecError) return e;
    throw e;
  }
  throw new Error(`accepted: ${b.rule}: ${b.change}`);
}

/**
 * The case is rejected by `render` with problem lines that each name exactly its path, and by the component, which
 * throws synchronously the same problems and message and registers no resource at all.
 */
export function expectRejectedAtPath(b: Broken, render: () => unknown): void {
  const what = `${b.rule}: ${b.change}`;
  const error = renderError(b, render);
  expect(error.problems.length, what).to.be.greaterThan(0);
  for (const line of error.problems) expect(problemPath(line), `${what}\n${line}`).to.equal(b.path);

  const before = registered.length;
  let thrown: unknown;
  try {
    new DittoServer(b.name, structuredClone(b.args) as any);
  } catch (e) {
    thrown = e;
  }
  expect(thrown, what).to.be.instanceOf(DittoSpecError);
  expect((thrown as DittoSpecError).problems, what).to.deep.equal(error.problems);
  expect((thrown as Error).message, what).to.equal(error.message);
  expect(registered.length - before, `${what}: resources registered`).to.equal(0);
}
