import { expect } from "chai";
import { deploy } from "../helpers/component";
import { render } from "../helpers/render";
import { putClusterSecret } from "../helpers/mocks";
import { samples } from "../helpers/samples";
import { captureWarnings } from "../helpers/mocked-program";
import type { Obj } from "../helpers/objects";

/** Generated values and the HMAC key differ between the two paths by design. */
function normalize(o: Obj): Obj {
  const copy = structuredClone(o);
  if (copy.kind === "Secret" && copy.metadata.name.endsWith("-jwt-secret"))
    copy.data["jwt-secret"] = "<generated>";
  if (copy.kind === "Secret" && copy.metadata.name.endsWith("-admin-bootstrap-credentials")) {
    copy.data.password = "<generated>";
  }
  if (copy.kind === "StatefulSet")
    copy.spec.template.metadata.annotations["dittofs.io/config-hash"] = "<digest>";
  return copy;
}

describe("the component registers exactly what dittofs render prints", () => {
  const warnings = captureWarnings();

  samples().forEach(({ file, cr, secrets }, i) => {
    it(`${file}: the same objects`, async () => {
      // A namespace per case: the mocked cluster is shared by every test.
      const namespace = `equivalence-${i}`;
      for (const [name, data] of Object.entries(secrets)) putClusterSecret(namespace, name, data);

      const result = render(cr.metadata.name, { ...cr.spec, namespace }, secrets);
      const rendered = result.objects as Obj[];
      const d = await deploy(cr.metadata.name, { ...cr.spec, namespace });
      const registered = d.children
        .filter((c) => !c.read && c.type.startsWith("kubernetes:"))
        .map((c) => c.inputs);

      // Registration order follows input resolution under the runtime; compare by object identity.
      const key = (o: Obj) => `${o.kind}/${o.metadata.name}`;
      const byKey = (list: Obj[]) =>
        [...list].sort((a, b) => key(a).localeCompare(key(b))).map(normalize);
      expect(registered.map(key).sort()).to.deep.equal(rendered.map(key).sort());
      expect(byKey(registered)).to.deep.equal(byKey(rendered));
      // The same warnings too (render prints them on stderr, the component logs them).
      expect([...warnings.messages].sort()).to.deep.equal([...result.warnings].sort());
    });
  });
});
