/** The Feb StatefulSet's claim templates: classes and sizes. */
import { expect } from "chai";
import { find, type Obj } from "../../helpers/objects";
import { render } from "../../helpers/render";

describe("field groups", () => {
  it("storage: the class and sizes reach every claim template; an explicit empty class is kept", () => {
    const claims = (storage: Obj) =>
      find(render("st", { storage }), "StatefulSet", "st").spec.volumeClaimTemplates.map(
        (c: Obj) => [c.metadata.name, c.spec.storageClassName, c.spec.resources.requests.storage],
      );
    expect(
      claims({
        metadataSize: "2Gi",
        contentSize: "3Ti",
        cacheSize: "512Mi",
        controlPlaneSize: "4Gi",
        storageClassName: "fast",
      }),
    ).to.deep.equal([
      ["metadata", "fast", "2Gi"],
      ["content", "fast", "3Ti"],
      ["cache", "fast", "512Mi"],
      ["controlplane", "fast", "4Gi"],
    ]);
    expect(
      claims({ metadataSize: "1Gi", storageClassName: "" }).map((c: unknown[]) => c[1]),
    ).to.deep.equal(["", "", ""]);
  });
});
