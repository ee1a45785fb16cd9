/**
 * Fields given as Outputs are planned from stand-in values until they resolve (src/component/deferred-spec.ts): a
 * stand-in must pass the field's schema, patterns and lengths included, or a valid spec would fail at construction.
 * The platform args are taken as Outputs like any arg that decides no object's existence.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { deploy, deployV029 } from "../helpers/component";
import { MINIMAL } from "../helpers/specs";

describe("deferred spec: stand-ins of Output fields", () => {
  it("a ServiceMonitor interval (a pattern without a default) may be an Output", async () => {
    const d = await deployV029("deferred-interval", {
      ...MINIMAL,
      metrics: {
        enabled: true,
        path: pulumi.output("/prom"),
        serviceMonitor: { enabled: true, interval: pulumi.output(Promise.resolve("45s")) },
      },
    });
    const monitor = d.children.find((c) => c.inputs?.kind === "ServiceMonitor");
    expect(monitor?.inputs.spec.endpoints).to.deep.equal([
      { port: "metrics", path: "/prom", interval: "45s" },
    ]);
  });
});

describe("DittoServer: platform args as Outputs", () => {
  it("plans from stand-ins and applies the real values when they resolve", async () => {
    const d = await deploy("platform-outputs", {
      operatorRelease: "v0.29",
      ...MINIMAL,
      pod: {
        priorityClassName: pulumi.output("critical"),
        tolerations: pulumi.output([{ key: "k", operator: "Exists" }]),
      },
    } as any);
    const sts = d.one("kubernetes:apps/v1:StatefulSet", "statefulset");
    expect(sts.inputs.spec.template.spec.priorityClassName).to.equal("critical");
    expect(sts.inputs.spec.template.spec.tolerations).to.deep.equal([
      { key: "k", operator: "Exists" },
    ]);
  });

  it("refuses podDisruptionBudget.enabled as an Output: it decides whether the budget exists", () => {
    expect(
      () =>
        new (require("../../src/ditto-server").DittoServer)("pdb-output", {
          ...MINIMAL,
          podDisruptionBudget: { enabled: pulumi.output(true) },
        }),
    ).to.throw(
      "podDisruptionBudget.enabled: must be a plain value, not an Output: it decides which objects exist",
    );
  });
});
