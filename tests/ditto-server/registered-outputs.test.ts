/**
 * What the component records in state (`registerOutputs`) equals its output properties, in both models: a name or
 * endpoint of an object the model does not create is "" in state too.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { DittoServer } from "../../src/ditto-server";
import type { DittoServerArgs } from "../../src/args";
import { deploy } from "../helpers/component";
import { valueOf } from "../helpers/mocks";

/** Deploys with `registerOutputs` observed; returns the recorded outputs (resolved) and the server. */
async function recorded(name: string, args: Record<string, unknown>) {
  // registerOutputs is protected: observe it through a view of the prototype that names it.
  const proto = DittoServer.prototype as unknown as { registerOutputs(o?: any): void };
  const original = proto.registerOutputs;
  let outputs: Record<string, unknown> | undefined;
  proto.registerOutputs = function (this: DittoServer, o?: any) {
    // The base class calls it again, empty, once its initialize() settles (a no-op by then).
    if (o !== undefined) outputs = o;
    return original.call(this, o);
  };
  try {
    const d = await deploy(name, args as unknown as DittoServerArgs);
    const plain: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(outputs ?? {}))
      plain[key] = pulumi.Output.isInstance(value) ? await valueOf(value) : value;
    return { d, plain };
  } finally {
    proto.registerOutputs = original;
  }
}

describe("component: the outputs recorded in state are the output properties", () => {
  for (const release of ["v0.29", "2026-02"]) {
    it(`operatorRelease ${release}`, async () => {
      const storage =
        release === "v0.29" ? { metadataSize: "10Gi" } : { metadataSize: "10Gi", cacheSize: "5Gi" };
      const { d, plain } = await recorded(`reg-out-${release.replace(".", "")}`, {
        operatorRelease: release,
        storage,
      });
      const server = d.server as unknown as Record<string, pulumi.Output<unknown>>;
      for (const [key, value] of Object.entries(plain)) {
        if (key === "adminPassword") continue; // a secret, compared as such elsewhere
        expect(value, key).to.deep.equal(await valueOf(server[key]));
      }
      expect(Object.keys(plain)).to.include("fileServiceName");
    });
  }
});
