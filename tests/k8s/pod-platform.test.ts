/**
 * The platform args on the pod template (pod, imagePullPolicy), in both object models: each field's effect, and
 * nothing at all when none is set.
 */
import { expect } from "chai";
import type { RenderResult } from "../../src/render";
import { statefulSet, type Obj } from "../helpers/objects";
import { render } from "../helpers/render";
import { minimalOf, RELEASES } from "../helpers/specs";

/** The pod template of the server `name`. */
const podTemplate = (r: RenderResult, name: string): Obj => statefulSet(r, name).spec.template;

for (const release of RELEASES) {
  describe(`platform args (${release} model)`, () => {
    const base = minimalOf(release);

    it("changes nothing when no platform arg is set", () => {
      const plain = render("plain", base);
      const empty = render("plain", { ...base, pod: {}, podDisruptionBudget: { enabled: false } });
      expect(empty.objects).to.deep.equal(plain.objects);
      expect((plain.objects as Obj[]).map((o) => o.kind)).to.not.include("PodDisruptionBudget");
    });

    it("puts scheduling, pull secrets, service account and pod metadata on the pod template", () => {
      const pod = {
        nodeSelector: { "node-role.example.com/storage": "true" },
        tolerations: [
          { key: "dedicated", operator: "Equal", value: "storage", effect: "NoSchedule" },
        ],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: "topology.kubernetes.io/zone", operator: "In", values: ["a"] },
                  ],
                },
              ],
            },
          },
        },
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: "kubernetes.io/hostname",
            whenUnsatisfiable: "ScheduleAnyway",
          },
        ],
        priorityClassName: "storage-critical",
        serviceAccountName: "dittofs",
        imagePullSecrets: [{ name: "mirror" }],
        labels: { team: "storage" },
        annotations: { "example.com/owner": "platform" },
      };
      const template = podTemplate(
        render("placed", { ...base, pod, imagePullPolicy: "IfNotPresent" }),
        "placed",
      );
      expect(template.spec).to.include({
        serviceAccountName: "dittofs",
        priorityClassName: "storage-critical",
        automountServiceAccountToken: false,
      });
      expect(template.spec.nodeSelector).to.deep.equal(pod.nodeSelector);
      expect(template.spec.tolerations).to.deep.equal(pod.tolerations);
      expect(template.spec.affinity).to.deep.equal(pod.affinity);
      expect(template.spec.topologySpreadConstraints).to.deep.equal(pod.topologySpreadConstraints);
      expect(template.spec.imagePullSecrets).to.deep.equal([{ name: "mirror" }]);
      expect(template.spec.containers[0].imagePullPolicy).to.equal("IfNotPresent");
      expect(template.metadata.labels).to.deep.equal({
        team: "storage",
        app: "dittofs-server",
        instance: "placed",
      });
      expect(template.metadata.annotations).to.include({ "example.com/owner": "platform" });
      expect(template.metadata.annotations).to.have.property("dittofs.io/config-hash");
    });

    it("mounts the service account token only when asked", () => {
      const asked = podTemplate(
        render("sa", {
          ...base,
          pod: { serviceAccountName: "sa", automountServiceAccountToken: true },
        }),
        "sa",
      );
      expect(asked.spec.automountServiceAccountToken).to.equal(true);
    });

    it("rolls the pod on a change: the pod template changes, the config hash does not", () => {
      const a = podTemplate(render("roll", { ...base, pod: { nodeSelector: { a: "1" } } }), "roll");
      const b = podTemplate(render("roll", { ...base, pod: { nodeSelector: { a: "2" } } }), "roll");
      expect(b.spec.nodeSelector).to.not.deep.equal(a.spec.nodeSelector);
      expect(b.metadata.annotations).to.deep.equal(a.metadata.annotations);
    });
  });
}
