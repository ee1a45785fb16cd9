/** The Feb pod template: the image and the security contexts. */
import { expect } from "chai";
import { find, container } from "../../helpers/objects";
import { render } from "../../helpers/render";
import { MINIMAL } from "../../helpers/specs";

describe("field groups", () => {
  it("image: sets the server container's image", () => {
    expect(
      container(render("img", { ...MINIMAL, image: "registry.local/dittofs:v1" }), "img").image,
    ).to.equal("registry.local/dittofs:v1");
  });

  it("securityContext and podSecurityContext replace the hardened defaults whole", () => {
    const r = render("sc", {
      ...MINIMAL,
      securityContext: { runAsUser: 1000 },
      podSecurityContext: { fsGroup: 2000 },
    });
    expect(container(r, "sc").securityContext).to.deep.equal({ runAsUser: 1000 });
    expect(find(r, "StatefulSet", "sc").spec.template.spec.securityContext).to.deep.equal({
      fsGroup: 2000,
    });
  });
});
