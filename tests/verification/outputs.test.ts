/**
 * Inputs as Outputs (issue 6): the mocks run in update mode (setMocks is process-global, preview=false), so unknown
 * values are stood in for by Outputs that resolve later (`pulumi.output(Promise.resolve(v))`) and by secret Outputs
 * (`pulumi.secret(v)`). Generated valid specs with random fields lifted must register the same objects once known
 * as the plain spec; generated invalid specs with the broken field lifted must fail with the same message as the
 * plain path (at construction, or when the Output resolves).
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { MODELS } from "../../src/models";
import { deploy, type Deployed } from "../helpers/component";
import { render } from "../helpers/render";
import { MINIMAL } from "../helpers/specs";
import { SEED, validCase, type SpecCase } from "./arbitraries";
import { brokenCase, type BrokenCase } from "./breakers";
import { normalised as normalisedBy } from "./lift";
import { outputsProperties } from "./outputs-property";

/** The generated specs are the Feb model's. */
const FEB_MODEL = MODELS["2026-02"];

/** The Feb model's generated values: the JWT secret (32) and the admin password (24). */
const GENERATED_LENGTHS: Array<[string, number]> = [
  ["jwt", 32],
  ["admin-password", 24],
];

const normalised = (d: Deployed, name: string, as: string) =>
  normalisedBy(d, name, as, GENERATED_LENGTHS);

describe("verification: inputs as unknown and secret Outputs", function () {
  this.timeout(240_000);

  outputsProperties<SpecCase, BrokenCase>({
    model: FEB_MODEL,
    prefix: "vout",
    generatedLengths: GENERATED_LENGTHS,
    runs: { sameObjects: 25, messages: 80 },
    minLifted: 100,
    outputs: [
      "nfsEndpoint",
      "apiEndpoint",
      "smbEndpoint",
      "metricsEndpoint",
      "generatedSecretNames",
    ],
    validCase,
    brokenCase,
    componentArgs: (args) => args as Record<string, any>,
    renderBroken: (b, name) =>
      render(name, structuredClone(b.args), b.base.secrets, b.base.generated),
    summary: (counts, deployments, messages, warnings) =>
      `      [outputs] seed ${SEED}: ${deployments} specs deployed plain and lifted (${counts.secret} secret, ` +
      `${counts.later} later-resolving, ${counts.output} known Outputs): same objects, same ` +
      `${warnings} warnings; ` +
      `${messages.compared} invalid specs with the broken field lifted: same message ` +
      `(${messages.atConstruction} at construction, ${messages.whenResolved} when resolved), ` +
      `${messages.notLiftable} not liftable (a field that decides which objects exist)`,
  });

  describe("known bugs", () => {
    // BUG: with any Output in the args the manifests are Outputs, and src/component/ditto-server.ts passes
    // `part((m) => m.perconaCluster)` to CustomResource, which builds its type token from `args.apiVersion` and
    // `args.kind`: the PerconaPGCluster is registered as "kubernetes:Calling [toString] on an [Output<T>] ...".
    it("registers the PerconaPGCluster with its real type when another field is an Output", async () => {
      const d = await deploy("vout-bug-percona", {
        storage: { metadataSize: pulumi.output("1Gi") },
        percona: { enabled: true },
      });
      expect(d.children.map((c) => c.type)).to.include(
        "kubernetes:pgv2.percona.com/v2:PerconaPGCluster",
      );
    });

    // BUG: src/component/output-args.ts plans the objects with stand-ins for Output values, and some stand-ins are
    // not valid: "x" for a quantity of resources.limits/requests and for an array item that is not a string
    // (sysctls[0], supplementalGroups[0]), "x" for the
    // whole labels/annotations map. A valid spec with such an Output is rejected at construction, e.g.
    // `spec.resources.limits.cpu: "x" must match ...`, `labels: must be a map of strings`.
    it("accepts Outputs for resource quantities, array items and the whole labels/annotations maps", async () => {
      const plainArgs = {
        ...MINIMAL,
        resources: { limits: { cpu: "500m" }, requests: { memory: "1Gi" } },
        podSecurityContext: {
          sysctls: [{ name: "net.ipv4.ip_local_port_range", value: "1024 65535" }],
          supplementalGroups: [1000],
        },
        labels: { team: "storage" },
        annotations: { "example.com/owner": "ops" },
      };
      const liftedArgs = {
        ...MINIMAL,
        resources: {
          limits: { cpu: pulumi.output("500m") },
          requests: { memory: pulumi.secret("1Gi") },
        },
        podSecurityContext: {
          sysctls: [pulumi.output({ name: "net.ipv4.ip_local_port_range", value: "1024 65535" })],
          supplementalGroups: [pulumi.output(1000)],
        },
        labels: pulumi.output({ team: "storage" }),
        annotations: pulumi.output(Promise.resolve({ "example.com/owner": "ops" })),
      };
      const plain = await deploy("vout-bug-plain", plainArgs);
      const lift = await deploy("vout-bug-lifted", liftedArgs as any);
      expect(normalised(lift, "vout-bug-lifted", "vout-bug-plain")).to.deep.equal(
        normalised(plain, "vout-bug-plain", "vout-bug-plain"),
      );
    });
  });
});
