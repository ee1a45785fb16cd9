import { expect } from "chai";
import { normalizePreview } from "./golden";

// A plain unit test (run by `npm test`): the golden comparison must not depend on registration order or on the
// server metadata of Secrets read back.
describe("e2e golden normalisation", () => {
  const block = (name: string, extra = "") =>
    `    > kubernetes:core/v1:Secret: (read)\n        [id=e2e/${name}]\n${extra}`;
  const outputs =
    '        --outputs:--\n      ~ metadata  : {\n          ~ resourceVersion  : "230" => "318"\n        }\n';
  const head = "Previewing update (e2e):\n";
  const tail = "Resources:\n    ~ 1 to update\n";

  it("sorts resource blocks and drops the outputs of reads", () => {
    const a = head + block("b", outputs) + block("a") + tail;
    const b = head + block("a", outputs) + block("b") + tail;
    expect(normalizePreview(a)).to.equal(normalizePreview(b));
    expect(normalizePreview(a)).not.to.include("resourceVersion");
  });

  it("masks digests and provider ids but keeps the change itself", () => {
    const text = `${head}    ~ kubernetes:apps/v1:StatefulSet: (update)\n        [provider=urn:x::default::0b1c2d3e-0000-4000-8000-000000000000]\n          ~ dittofs.io/config-hash: "${"a".repeat(64)}" => "${"b".repeat(64)}"\n${tail}`;
    const n = normalizePreview(text);
    expect(n).to.include('~ dittofs.io/config-hash: "<digest>" => "<digest>"');
    expect(n).to.include("::<provider-id>]");
  });
});
