/**
 * The platform args (pod, imagePullPolicy, podDisruptionBudget), in both object models: each field's effect on the
 * emitted objects, its bad values with the field path, and nothing at all when none is set.
 */
import { expect } from "chai";
import { render } from "../helpers/render";
import { type Deployed, deploy } from "../helpers/component";
import type { RenderResult } from "../../src/render";
import type { Obj } from "../helpers/objects";
import { MINIMAL } from "../helpers/specs";

const RELEASES = ["v0.29", "2026-02"] as const;
const STORAGE = MINIMAL;

const podSpec = (r: RenderResult, name: string): Obj =>
  (r.objects as Obj[]).find((o) => o.kind === "StatefulSet" && o.metadata.name === name)!.spec
    .template;
const problems = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    return ((e as { problems?: string[] }).problems ?? [String(e)]).slice();
  }
  return [];
};

for (const release of RELEASES) {
  describe(`platform args (${release} model)`, () => {
    const base = { operatorRelease: release, ...STORAGE };

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
      const template = podSpec(
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
      const asked = podSpec(
        render("sa", {
          ...base,
          pod: { serviceAccountName: "sa", automountServiceAccountToken: true },
        }),
        "sa",
      );
      expect(asked.spec.automountServiceAccountToken).to.equal(true);
    });

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

    it("rejects bad values with their field paths, before anything is built", () => {
      expect(
        problems(() =>
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
        problems(() =>
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

    it("rolls the pod on a change: the pod template changes, the config hash does not", () => {
      const a = podSpec(render("roll", { ...base, pod: { nodeSelector: { a: "1" } } }), "roll");
      const b = podSpec(render("roll", { ...base, pod: { nodeSelector: { a: "2" } } }), "roll");
      expect(b.spec.nodeSelector).to.not.deep.equal(a.spec.nodeSelector);
      expect(b.metadata.annotations).to.deep.equal(a.metadata.annotations);
    });

    it("registers the PodDisruptionBudget as a child of the component", async () => {
      const d: Deployed = await deploy(`pdb-${release === "v0.29" ? "v029" : "feb"}`, {
        ...base,
        podDisruptionBudget: { enabled: true },
      } as any);
      expect(d.byType("kubernetes:policy/v1:PodDisruptionBudget")).to.have.length(1);
    });
  });
}
