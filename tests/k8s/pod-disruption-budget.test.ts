/** The PodDisruptionBudget of the platform args, in both object models. */
import { expect } from "chai";
import type { Obj } from "../helpers/objects";
import { render } from "../helpers/render";
import { minimalOf, RELEASES } from "../helpers/specs";

for (const release of RELEASES) {
  describe(`platform args (${release} model)`, () => {
    const base = minimalOf(release);

    it("creates a PodDisruptionBudget selecting the pod, minAvailable 1 unless told otherwise", () => {
      const budget = (args: Obj) =>
        (render("pdb", { ...base, podDisruptionBudget: args }).objects as Obj[]).find(
          (o) => o.kind === "PodDisruptionBudget",
        )!;
      const plain = budget({ enabled: true });
      expect(plain.apiVersion).to.equal("policy/v1");
      expect(plain.metadata.name).to.equal("pdb");
      expect(plain.spec).to.deep.equal({
        minAvailable: 1,
        selector: { matchLabels: { app: "dittofs-server", instance: "pdb" } },
      });
      expect(budget({ enabled: true, maxUnavailable: "0" }).spec.maxUnavailable).to.equal(0);
      expect(budget({ enabled: true, minAvailable: "100%" }).spec.minAvailable).to.equal("100%");
    });
  });
}
