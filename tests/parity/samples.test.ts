import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { render } from "../helpers/render";
import { samples, SHARED } from "../helpers/samples";
import { DEVIATIONS, type ParityContext } from "./deviations";
import { operatorObjects } from "./operator-model";

type Obj = Record<string, any>;

/** The wait-for-postgres script as operator-behavior.md §5.3 prints it. */
function specWaitScript(): string {
  const doc = fs.readFileSync(path.join(SHARED, "docs", "operator-behavior.md"), "utf8");
  const block = doc
    .split("Reproduce the script text exactly:")[1]
    .split("```sh\n")[1]
    .split("\n```")[0];
  return block;
}

/** Generated values and the digest differ by design; everything else must match. */
function normalize(objects: Obj[], name: string): Obj[] {
  const copy = structuredClone(objects);
  for (const o of copy) {
    if (o.kind === "Secret" && o.metadata.name === `${name}-jwt-secret`)
      o.data["jwt-secret"] = "<generated>";
    if (o.kind === "Secret" && o.metadata.name === `${name}-admin-bootstrap-credentials`)
      o.data.password = "<generated>";
    if (o.kind === "StatefulSet")
      o.spec.template.metadata.annotations["dittofs.io/config-hash"] = "<digest>";
  }
  return copy;
}

const all = samples();

describe("parity with the operator for every Feb 2026 sample (deviation table applied)", () => {
  it("finds the eight DittoServer samples", () => {
    expect(all).to.have.length(8);
  });

  for (const { file, cr, secrets } of all) {
    it(`${file}: rendered objects equal the operator's with the deviations applied`, () => {
      const ctx: ParityContext = {
        cr,
        name: cr.metadata.name,
        namespace: cr.metadata.namespace,
        secrets,
      };

      const expected = operatorObjects(cr);
      for (const o of expected) {
        for (const c of o.spec?.template?.spec?.initContainers ?? [])
          c.command[2] = specWaitScript();
      }
      for (const row of DEVIATIONS) row.apply?.(expected, ctx);

      const ours = render(
        cr.metadata.name,
        { ...cr.spec, namespace: cr.metadata.namespace },
        secrets,
      ).objects as Obj[];
      expect(normalize(ours, ctx.name)).to.deep.equal(normalize(expected, ctx.name));
    });
  }
});
