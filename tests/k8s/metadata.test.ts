/** The user's labels and annotations on every object (objectMeta), in the Feb model. */
import { expect } from "chai";
import { find, type Obj } from "../helpers/objects";
import { render } from "../helpers/render";
import { MINIMAL } from "../helpers/specs";

describe("field groups", () => {
  it("labels and annotations: added to every object's metadata, selectors unchanged", () => {
    const r = render("meta", {
      ...MINIMAL,
      labels: { team: "storage" },
      annotations: { owner: "platform" },
    });
    for (const o of r.objects as Obj[]) {
      expect(o.metadata.labels.team, `${o.kind} ${o.metadata.name}`).to.equal("storage");
      expect(o.metadata.annotations.owner, `${o.kind} ${o.metadata.name}`).to.equal("platform");
    }
    expect(find(r, "StatefulSet", "meta").spec.selector.matchLabels).to.deep.equal({
      app: "dittofs-server",
      instance: "meta",
    });
    expect(find(r, "Service", "meta-file").spec.selector).to.deep.equal({
      app: "dittofs-server",
      instance: "meta",
    });
  });
});
