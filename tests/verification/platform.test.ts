/**
 * Property tests over the platform args (pod, imagePullPolicy, podDisruptionBudget) in both object models: any valid
 * combination renders objects that Kubernetes' own schemas accept (kubernetes-models, unknown fields included); any
 * one broken rule is refused with exactly the broken field's path, before anything is built.
 */
import { expect } from "chai";
import fc from "fast-check";
import { DittoSpecError } from "../../src/resolve/errors";
import { render } from "../helpers/render";
import { objectProblems } from "./k8s-schemas";
import type { Obj } from "../helpers/objects";
import { MINIMAL } from "../helpers/specs";

const SEED = 20261207;
const RUNS = 300;

const dnsLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const labelKey = fc.oneof(
  dnsLabel,
  fc.tuple(dnsLabel, dnsLabel).map(([prefix, name]) => `${prefix}.example.com/${name}`),
);
const labelValue = fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/);
const labels = fc.dictionary(
  labelKey.filter((k) => k !== "app" && k !== "instance"),
  labelValue,
  { maxKeys: 3 },
);
const toleration = fc.oneof(
  fc.record({
    key: labelKey,
    operator: fc.constant("Equal"),
    value: labelValue,
    effect: fc.constantFrom("NoSchedule", "PreferNoSchedule"),
  }),
  fc.record({ key: labelKey, operator: fc.constant("Exists") }),
  fc.record({
    key: labelKey,
    operator: fc.constant("Exists"),
    effect: fc.constant("NoExecute"),
    tolerationSeconds: fc.integer({ min: 0, max: 3600 }),
  }),
);
const spread = fc.record({
  maxSkew: fc.integer({ min: 1, max: 3 }),
  topologyKey: fc.constantFrom("topology.kubernetes.io/zone", "kubernetes.io/hostname"),
  whenUnsatisfiable: fc.constantFrom("DoNotSchedule", "ScheduleAnyway"),
});
const affinity = fc.record({
  nodeAffinity: fc.record({
    requiredDuringSchedulingIgnoredDuringExecution: fc.record({
      nodeSelectorTerms: fc.array(
        fc.record({
          matchExpressions: fc.array(
            fc.oneof(
              fc.record({
                key: labelKey,
                operator: fc.constantFrom("In", "NotIn"),
                values: fc.array(labelValue, { minLength: 1, maxLength: 2 }),
              }),
              fc.record({ key: labelKey, operator: fc.constantFrom("Exists", "DoesNotExist") }),
              fc.record({
                key: labelKey,
                operator: fc.constantFrom("Gt", "Lt"),
                values: fc.integer({ min: 0, max: 99 }).map((n) => [String(n)]),
              }),
            ),
            { minLength: 1, maxLength: 2 },
          ),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  }),
});
const budget = fc.oneof(
  fc.constant({ enabled: true }),
  fc.record({ enabled: fc.constant(true), minAvailable: fc.constantFrom("1", "100%") }),
  fc.record({ enabled: fc.constant(true), maxUnavailable: fc.constantFrom("0", "1", "50%") }),
);

const platformArgs = fc.record(
  {
    pod: fc.record(
      {
        nodeSelector: labels,
        tolerations: fc.array(toleration, { maxLength: 2 }),
        affinity,
        topologySpreadConstraints: fc.uniqueArray(spread, {
          maxLength: 2,
          selector: (c) => `${c.topologyKey}/${c.whenUnsatisfiable}`,
        }),
        priorityClassName: dnsLabel,
        serviceAccountName: dnsLabel,
        automountServiceAccountToken: fc.boolean(),
        imagePullSecrets: fc.array(
          dnsLabel.map((name) => ({ name })),
          { maxLength: 2 },
        ),
        labels,
        annotations: fc.dictionary(labelKey, fc.string({ maxLength: 20 }), { maxKeys: 2 }),
      },
      { requiredKeys: [] },
    ),
    imagePullPolicy: fc.constantFrom("Always", "IfNotPresent", "Never"),
    podDisruptionBudget: budget,
  },
  { requiredKeys: [] },
);

/** One rule broken, and the path whose problem it must give. */
const BREAKERS: Array<{ rule: string; path: string; apply: (a: Obj) => void }> = [
  {
    rule: "effect",
    path: "pod.tolerations[0].effect",
    apply: (a) => (a.pod.tolerations = [{ key: "k", effect: "Never" }]),
  },
  {
    rule: "Exists with a value",
    path: "pod.tolerations[0].value",
    apply: (a) => (a.pod.tolerations = [{ key: "k", operator: "Exists", value: "v" }]),
  },
  {
    rule: "seconds without NoExecute",
    path: "pod.tolerations[0].tolerationSeconds",
    apply: (a) => (a.pod.tolerations = [{ key: "k", operator: "Exists", tolerationSeconds: 1 }]),
  },
  { rule: "selector label", path: "pod.labels.app", apply: (a) => (a.pod.labels = { app: "x" }) },
  {
    rule: "config hash",
    path: 'pod.annotations["dittofs.io/config-hash"]',
    apply: (a) => (a.pod.annotations = { "dittofs.io/config-hash": "x" }),
  },
  {
    rule: "service account name",
    path: "pod.serviceAccountName",
    apply: (a) => (a.pod.serviceAccountName = "Not_A_Name"),
  },
  {
    rule: "priority class name",
    path: "pod.priorityClassName",
    apply: (a) => (a.pod.priorityClassName = "-x"),
  },
  {
    rule: "pull secret name",
    path: "pod.imagePullSecrets[0].name",
    apply: (a) => (a.pod.imagePullSecrets = [{ name: "UPPER" }]),
  },
  {
    rule: "node selector key",
    path: "pod.nodeSelector",
    apply: (a) => (a.pod.nodeSelector = { "bad key": "x" }),
  },
  {
    rule: "maxSkew",
    path: "pod.topologySpreadConstraints[0].maxSkew",
    apply: (a) =>
      (a.pod.topologySpreadConstraints = [
        { maxSkew: 0, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule" },
      ]),
  },
  {
    rule: "whenUnsatisfiable",
    path: "pod.topologySpreadConstraints[0].whenUnsatisfiable",
    apply: (a) =>
      (a.pod.topologySpreadConstraints = [
        { maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "Maybe" },
      ]),
  },
  {
    rule: "In without values",
    path: "pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values",
    apply: (a) =>
      (a.pod.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "k", operator: "In" }] }],
          },
        },
      }),
  },
  { rule: "pull policy", path: "imagePullPolicy", apply: (a) => (a.imagePullPolicy = "Sometimes") },
  {
    rule: "budget both",
    path: "podDisruptionBudget",
    apply: (a) =>
      (a.podDisruptionBudget = { enabled: true, minAvailable: "1", maxUnavailable: "1" }),
  },
  {
    rule: "budget percent",
    path: "podDisruptionBudget.minAvailable",
    apply: (a) => (a.podDisruptionBudget = { enabled: true, minAvailable: "101%" }),
  },
  { rule: "unknown field", path: "pod.tolerationz", apply: (a) => (a.pod.tolerationz = []) },
];

for (const release of ["v0.29", "2026-02"]) {
  describe(`verification: platform args (${release} model)`, function () {
    this.timeout(120_000);

    it(`renders ${RUNS} valid combinations into objects Kubernetes' schemas accept (seed ${SEED})`, () => {
      let budgets = 0;
      fc.assert(
        fc.property(platformArgs, (platform) => {
          const args = { operatorRelease: release, ...MINIMAL, ...platform };
          const objects = render("platform", args).objects as Obj[];
          for (const o of objects)
            expect(objectProblems(o), `${o.kind} ${o.metadata.name}`).to.deep.equal([]);
          if (objects.some((o) => o.kind === "PodDisruptionBudget")) budgets++;
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(budgets).to.be.greaterThan(RUNS / 4);
    });

    it(`refuses every broken rule with exactly its field path (${BREAKERS.length} rules × 20 bases)`, () => {
      fc.assert(
        fc.property(
          platformArgs,
          fc.integer({ min: 0, max: BREAKERS.length - 1 }),
          (platform, i) => {
            const broken: Obj = structuredClone({ pod: {}, ...platform });
            BREAKERS[i].apply(broken);
            let error: unknown;
            try {
              render("platform", {
                operatorRelease: release,
                ...MINIMAL,
                ...broken,
              });
            } catch (e) {
              error = e;
            }
            expect(error, BREAKERS[i].rule).to.be.instanceOf(DittoSpecError);
            const paths = (error as DittoSpecError).problems.map((p) => p.split(": ")[0]);
            expect(paths, BREAKERS[i].rule).to.include(BREAKERS[i].path);
          },
        ),
        { numRuns: BREAKERS.length * 20, seed: SEED },
      );
    });
  });
}
