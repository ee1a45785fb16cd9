/**
 * Fields given as Outputs are planned from stand-in values until they resolve (src/component/deferred-spec.ts): a
 * stand-in must pass the field's schema, patterns and lengths included, or a valid spec would fail at construction.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { deployV029 } from "../helpers/component";
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
