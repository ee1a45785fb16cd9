/**
 * Invalid v0.29 specs: generated valid specs with exactly one rule broken (breakers.ts). Each must be rejected with
 * problem lines naming exactly that field path (`<path>: ...`, DittoSpecError.problems), on the render path and
 * through the component, which must throw synchronously and register no resource at all.
 */
import { expect } from "chai";
import fc from "fast-check";
import { DittoServer } from "../../../src/ditto-server";
import { DittoSpecError } from "../../../src/resolve/errors";
import { registered } from "../../helpers/mocks";
import { SEED } from "../arbitraries";
import { brokenCase, RULES, type BrokenCase, type Rule } from "./breakers";
import { renderCase } from "./render-case";

const RUNS = 1000;

/** The field path of a problem line (`spec.x.y: ...` → `spec.x.y`). */
const problemPath = (line: string): string => line.slice(0, line.indexOf(": "));

function renderError(b: BrokenCase): DittoSpecError {
  try {
    renderCase({ ...b.base, name: b.name }, b.args);
  } catch (e) {
    if (e instanceof DittoSpecError) return e;
    throw e;
  }
  throw new Error(`accepted: ${b.rule}: ${b.change}`);
}

function componentError(b: BrokenCase): { error: unknown; registeredDelta: number } {
  const before = registered.length;
  let error: unknown;
  try {
    new DittoServer(b.name, structuredClone(b.args) as any);
  } catch (e) {
    error = e;
  }
  return { error, registeredDelta: registered.length - before };
}

describe("verification (v0.29): invalid specs (one rule broken)", function () {
  this.timeout(240_000);

  const perRule = Object.fromEntries(RULES.map((r) => [r, 0])) as Record<Rule, number>;
  let rejected = 0;

  after(() =>
    console.log(
      `      [v0.29 invalid-specs] seed ${SEED}: ${rejected} broken specs rejected by render and the component, ` +
        `each line naming exactly the broken field, nothing registered; ` +
        `per rule: ${RULES.map((r) => `${r} ${perRule[r]}`).join(", ")}`,
    ),
  );

  it(`rejects ${RUNS} generated specs, each naming exactly the broken field (seed ${SEED})`, () => {
    console.log(`      [v0.29 invalid-specs] fast-check seed ${SEED}, ${RUNS} runs`);
    fc.assert(
      fc.property(brokenCase, (b) => {
        const what = `${b.rule}: ${b.change}`;
        const error = renderError(b);
        expect(error.problems.length, what).to.be.greaterThan(0);
        for (const line of error.problems)
          expect(problemPath(line), `${what}\n${line}`).to.equal(b.path);

        const { error: thrown, registeredDelta } = componentError(b);
        expect(thrown, what).to.be.instanceOf(DittoSpecError);
        expect((thrown as DittoSpecError).problems, what).to.deep.equal(error.problems);
        expect(registeredDelta, `${what}: resources registered`).to.equal(0);

        rejected++;
        perRule[b.rule]++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    for (const rule of RULES) expect(perRule[rule], rule).to.be.greaterThan(10);
  });
});
