/** The children the component registers for the platform args, in both object models. */
import { expect } from "chai";
import { type Deployed, deploy } from "../helpers/component";
import { minimalOf, RELEASES } from "../helpers/specs";

for (const release of RELEASES) {
  describe(`platform args (${release} model)`, () => {
    const base = minimalOf(release);

    it("registers the PodDisruptionBudget as a child of the component", async () => {
      const d: Deployed = await deploy(`pdb-${release === "v0.29" ? "v029" : "feb"}`, {
        ...base,
        podDisruptionBudget: { enabled: true },
      } as any);
      expect(d.byType("kubernetes:policy/v1:PodDisruptionBudget")).to.have.length(1);
    });
  });
}
