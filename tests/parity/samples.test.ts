import { expect } from "chai";
import { render } from "../helpers/render";
import { samples } from "../helpers/samples";
import { DEVIATIONS, type ParityContext } from "./deviations";
import { operatorObjects } from "./operator-model";
import { specWaitScript } from "./wait-script";
import type { Obj } from "../helpers/objects";

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
