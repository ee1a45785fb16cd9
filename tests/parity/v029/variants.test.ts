import { expect } from "chai";
import { render } from "../../helpers/render";
import { expectedObjects, inventory, normalize } from "./parity";
import { VARIANTS } from "./variants";
import type { Obj } from "../../helpers/objects";

describe("parity with the v0.29 operator beyond the samples (differences applied)", () => {
  for (const v of VARIANTS) {
    it(`${v.title}: rendered objects equal the operator's with the differences applied`, () => {
      const cr = { metadata: { name: v.name, namespace: v.namespace }, spec: v.spec };
      const ctx = {
        cr,
        name: v.name,
        namespace: v.namespace,
        secrets: v.secrets,
        secretValues: v.secretValues,
      };
      const args = {
        ...v.spec,
        namespace: v.namespace,
        operatorRelease: "v0.29",
        ...(v.secretValues ? { secretValues: v.secretValues } : {}),
      };
      const ours = normalize(render(v.name, args, v.secrets).objects as Obj[], v.name);
      const expected = normalize(expectedObjects(ctx, v.reported), v.name);
      expect(inventory(ours)).to.deep.equal(inventory(expected));
      expect(ours).to.deep.equal(expected);
    });
  }
});
