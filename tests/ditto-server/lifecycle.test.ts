import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { deploy } from "../helpers/component";
import { MINIMAL } from "../helpers/specs";

interface Seen {
  type: string;
  name: string;
  retainOnDelete?: boolean;
  dependsOn: string[];
  parent?: string;
}

/** Records each child's resource options through a (legacy, synchronous) transformation on the component. */
function recorder(): { seen: Seen[]; opts: pulumi.ComponentResourceOptions } {
  const seen: Seen[] = [];
  const names = new Map<pulumi.Resource, string>();
  const opts: pulumi.ComponentResourceOptions = {
    transformations: [
      (args) => {
        names.set(args.resource, args.name);
        const deps = ([] as pulumi.Input<pulumi.Resource>[]).concat(
          (args.opts.dependsOn as any) ?? [],
        );
        seen.push({
          type: args.type,
          name: args.name,
          retainOnDelete: args.opts.retainOnDelete,
          dependsOn: deps.map((d) => names.get(d as pulumi.Resource) ?? "?"),
          parent: args.opts.parent ? (names.get(args.opts.parent) ?? "?") : undefined,
        });
        return undefined;
      },
    ],
  };
  return { seen, opts };
}

describe("DittoServer lifecycle options", () => {
  it("keeps the PerconaPGCluster on destroy by default and makes the StatefulSet wait for it", async () => {
    const { seen, opts } = recorder();
    await deploy("lc-keep", { ...MINIMAL, percona: { enabled: true } }, opts);
    const percona = seen.find((s) => s.type === "kubernetes:pgv2.percona.com/v2:PerconaPGCluster")!;
    expect(percona.retainOnDelete).to.equal(true);
    const sts = seen.find((s) => s.type === "kubernetes:apps/v1:StatefulSet")!;
    expect(sts.dependsOn).to.include("lc-keep-postgres");
    expect(sts.dependsOn).to.include("lc-keep-config");
  });

  it("deletes the PerconaPGCluster with the server when deleteWithServer is true", async () => {
    const { seen, opts } = recorder();
    await deploy(
      "lc-delete",
      { ...MINIMAL, percona: { enabled: true, deleteWithServer: true } },
      opts,
    );
    const percona = seen.find((s) => s.type === "kubernetes:pgv2.percona.com/v2:PerconaPGCluster")!;
    expect(percona.retainOnDelete).to.equal(false);
  });

  it("parents every child to the component", async () => {
    const { seen, opts } = recorder();
    await deploy("lc-parent", { ...MINIMAL, metrics: { enabled: true } }, opts);
    const children = seen.filter((s) => s.type !== "dittofs:index:DittoServer");
    expect(children.length).to.be.greaterThan(8);
    for (const s of children) expect(s.parent, `${s.type} ${s.name}`).to.equal("lc-parent");
  });
});
