/**
 * render's input documents (src/cli/read-inputs.ts): what is not a Kubernetes object, how many documents, integers
 * beyond 2^53-1; and the platform args from a DittoServerOptions document of render's own (the CR stays the
 * operator's).
 */
import { expect } from "chai";
import * as path from "path";
import { MAX_DOCUMENTS } from "../../src/cli/read-inputs";
import { dittoServer, docsOf, EXAMPLE, fails, inputFiles, renderDocs } from "../helpers/cli";
import { podSpec, type Obj } from "../helpers/objects";
import { MINIMAL } from "../helpers/specs";

const server = (name: string, spec: Obj = MINIMAL): Obj => dittoServer(name, spec, "ns");
const options = (name: string, spec: Obj): Obj => ({
  apiVersion: "dittofs.io/v1alpha1",
  kind: "DittoServerOptions",
  metadata: { name, namespace: "ns" },
  spec,
});

describe("dittofs render: inputs (files, standard input, limits, what is not an input)", () => {
  const files = inputFiles("dittofs-read-inputs-");

  it("says that a file without apiVersion/kind (Pulumi.yaml) is not a Kubernetes object", () => {
    const pulumiYaml = path.resolve(__dirname, "../../Pulumi.yaml");
    expect(fails(["render", "-f", EXAMPLE, "-f", pulumiYaml]).stderr).to.equal(
      `error: ${pulumiYaml} (document 1): not a Kubernetes object (no apiVersion/kind)\n`,
    );
  });

  it(`stops after ${MAX_DOCUMENTS} YAML documents`, () => {
    const file = files.text("many.yaml", "---\n".repeat(MAX_DOCUMENTS + 1));
    expect(fails(["render", "-f", file]).stderr).to.include(
      `(document ${MAX_DOCUMENTS + 1}): more than ${MAX_DOCUMENTS} YAML documents`,
    );
  });

  it("reads integers beyond 2^53-1 exactly and refuses them with their path and digits", () => {
    const file = files.text(
      "big.yaml",
      "apiVersion: dittofs.dittofs.com/v1alpha1\nkind: DittoServer\nmetadata: {name: big}\n" +
        "spec:\n  storage: {metadataSize: 1Gi}\n  securityContext: {runAsUser: 18446744073709551615}\n",
    );
    expect(fails(["render", "-f", file]).stderr).to.include(
      "spec.securityContext.runAsUser: 18446744073709551615 is an integer beyond 2^53-1 (9007199254740991)",
    );
  });
});

describe("dittofs render: the platform args from a DittoServerOptions document", () => {
  const render = (...docs: Obj[]) => renderDocs(docs, "--hash-key", "k");

  it("applies the document of the same name and namespace, and only to that DittoServer", () => {
    const r = render(
      server("a"),
      server("b"),
      options("a", {
        pod: { priorityClassName: "critical" },
        podDisruptionBudget: { enabled: true },
      }),
    );
    expect(r.code, r.stderr).to.equal(0);
    const out = docsOf(r.stdout);
    expect(podSpec(out, "a").priorityClassName).to.equal("critical");
    expect(podSpec(out, "b")).to.not.have.property("priorityClassName");
    expect(
      out.filter((o) => o.kind === "PodDisruptionBudget").map((o) => o.metadata.name),
    ).to.deep.equal(["a"]);
  });

  it("rejects a DittoServerOptions that names no DittoServer, or holds other fields", () => {
    const orphan = render(server("a"), options("z", { imagePullPolicy: "Always" }));
    expect(orphan.code).to.equal(1);
    expect(orphan.stderr).to.include('DittoServerOptions "ns/z" names no DittoServer in the files');
    const foreign = render(server("a"), options("a", { image: "x" }));
    expect(foreign.code).to.equal(1);
    expect(foreign.stderr).to.include(
      "spec.image: unknown field (it holds pod, imagePullPolicy, podDisruptionBudget)",
    );
  });

  it("refuses the platform args inside the CR, pointing at the options document", () => {
    const r = render(server("a", { ...MINIMAL, pod: { priorityClassName: "x" } }));
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include(
      "spec.pod: unknown field (not in the operator's CRD: give it in a dittofs.io/v1alpha1 DittoServerOptions document)",
    );
  });
});
