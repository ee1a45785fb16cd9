/** The platform args' bad values, named by their field paths before anything is built, in both object models. */
import { expect } from "chai";
import { problemsOf } from "../helpers/errors";
import { render } from "../helpers/render";
import { minimalOf, RELEASES } from "../helpers/specs";

for (const release of RELEASES) {
  describe(`platform args (${release} model)`, () => {
    const base = minimalOf(release);

    it("rejects bad values with their field paths, before anything is built", () => {
      expect(
        problemsOf(() =>
          render("bad", {
            ...base,
            pod: {
              tolerations: [{ operator: "Equal", effect: "NoSchedul", tolerationSeconds: 5 }],
              labels: { instance: "x" },
              annotations: { "dittofs.io/config-hash": "x" },
              serviceAccountName: "Not_A_Name",
            },
            imagePullPolicy: "Sometimes",
          }),
        ),
      ).to.deep.equal(['imagePullPolicy: "Sometimes" must be one of Always, IfNotPresent, Never']);
      expect(
        problemsOf(() =>
          render("bad", {
            ...base,
            pod: {
              tolerations: [{ operator: "Equal", effect: "NoSchedul", tolerationSeconds: 5 }],
              labels: { instance: "x" },
              annotations: { "dittofs.io/config-hash": "x" },
              serviceAccountName: "Not_A_Name",
            },
            podDisruptionBudget: { enabled: true, minAvailable: "1", maxUnavailable: "1" },
          }),
        ),
      ).to.deep.equal([
        'pod.tolerations[0].effect: "NoSchedul" must be NoSchedule, PreferNoSchedule or NoExecute',
        "pod.tolerations[0].operator: must be Exists when key is empty (it then tolerates every taint)",
        "pod.tolerations[0].tolerationSeconds: is only allowed with effect NoExecute",
        "pod.serviceAccountName: \"Not_A_Name\" must be an object name: a DNS-1123 subdomain (at most 253 of lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)",
        "pod.labels.instance: is the pod's selector label (app: dittofs-server, instance: <name>) and cannot be set",
        'pod.annotations["dittofs.io/config-hash"]: is set by the component (the config hash that rolls the pod) and cannot be set',
        "podDisruptionBudget: set minAvailable or maxUnavailable, not both (the API server rejects both)",
      ]);
    });
  });
}
