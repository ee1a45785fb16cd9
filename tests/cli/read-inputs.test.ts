/**
 * `dittofs render` takes the platform args from a DittoServerOptions document of its own (the CR stays the
 * operator's), and the component takes them as Outputs like any non-deciding arg.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseAllDocuments, stringify } from "yaml";
import { run } from "../../src/cli/main";
import { deploy } from "../helpers/component";
import type { Obj } from "../helpers/objects";
import { MINIMAL } from "../helpers/specs";

const server = (name: string, spec: Obj = MINIMAL): Obj => ({
  apiVersion: "dittofs.dittofs.com/v1alpha1",
  kind: "DittoServer",
  metadata: { name, namespace: "ns" },
  spec,
});
const options = (name: string, spec: Obj): Obj => ({
  apiVersion: "dittofs.io/v1alpha1",
  kind: "DittoServerOptions",
  metadata: { name, namespace: "ns" },
  spec,
});

describe("dittofs render: the platform args from a DittoServerOptions document", () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-options-"))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const renderDocs = (...docs: Obj[]) => {
    const file = path.join(dir, `in-${Math.random().toString(36).slice(2)}.yaml`);
    fs.writeFileSync(file, docs.map((d) => `---\n${stringify(d)}`).join(""));
    return run(["render", "-f", file, "--hash-key", "k"], {});
  };
  const objects = (stdout: string): Obj[] => parseAllDocuments(stdout).map((d) => d.toJS() as Obj);

  it("applies the document of the same name and namespace, and only to that DittoServer", () => {
    const r = renderDocs(
      server("a"),
      server("b"),
      options("a", {
        pod: { priorityClassName: "critical" },
        podDisruptionBudget: { enabled: true },
      }),
    );
    expect(r.code, r.stderr).to.equal(0);
    const out = objects(r.stdout);
    const sts = (name: string) =>
      out.find((o) => o.kind === "StatefulSet" && o.metadata.name === name)!;
    expect(sts("a").spec.template.spec.priorityClassName).to.equal("critical");
    expect(sts("b").spec.template.spec).to.not.have.property("priorityClassName");
    expect(
      out.filter((o) => o.kind === "PodDisruptionBudget").map((o) => o.metadata.name),
    ).to.deep.equal(["a"]);
  });

  it("rejects a DittoServerOptions that names no DittoServer, or holds other fields", () => {
    const orphan = renderDocs(server("a"), options("z", { imagePullPolicy: "Always" }));
    expect(orphan.code).to.equal(1);
    expect(orphan.stderr).to.include('DittoServerOptions "ns/z" names no DittoServer in the files');
    const foreign = renderDocs(server("a"), options("a", { image: "x" }));
    expect(foreign.code).to.equal(1);
    expect(foreign.stderr).to.include(
      "spec.image: unknown field (it holds pod, imagePullPolicy, podDisruptionBudget)",
    );
  });

  it("refuses the platform args inside the CR, pointing at the options document", () => {
    const r = renderDocs(server("a", { ...MINIMAL, pod: { priorityClassName: "x" } }));
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include(
      "spec.pod: unknown field (not in the operator's CRD: give it in a dittofs.io/v1alpha1 DittoServerOptions document)",
    );
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
