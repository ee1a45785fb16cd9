/**
 * Invalid v0.29 specs: generated valid specs with exactly one rule broken (breakers.ts). Each must be rejected with
 * problem lines naming exactly that field path (`<path>: ...`, DittoSpecError.problems), on the render path and
 * through the component, which must throw synchronously and register no resource at all.
 */
import { expect } from "chai";
import fc from "fast-check";
import { SEED } from "../arbitraries";
import { expectRejectedAtPath } from "../rejections";
import { brokenCase, RULES, type Rule } from "./breakers";
import { renderCase } from "./render-case";

const RUNS = 1000;

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
        expectRejectedAtPath(b, () => renderCase({ ...b.base, name: b.name }, b.args));

        rejected++;
        perRule[b.rule]++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    for (const rule of RULES) expect(perRule[rule], rule).to.be.greaterThan(10);
  });
});
