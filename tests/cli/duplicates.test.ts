/** Inputs and rendered objects that are one object twice (src/cli/duplicates.ts). */
import { expect } from "chai";
import { rejectDuplicateObjects } from "../../src/cli/duplicates";
import { fails, inputFiles, refsSecrets, REFS_SPEC, server } from "../helpers/cli";

describe("dittofs render: inputs (files, standard input, limits, what is not an input)", () => {
  const files = inputFiles("dittofs-duplicates-");

  it("refuses a DittoServer or a Secret given twice, and two rendered objects that are one", () => {
    const file = files.docs(server(REFS_SPEC, "refs"), ...refsSecrets("refs"));
    expect(fails(["render", "-f", file, "-f", file]).stderr).to.include(
      `DittoServer "refs/cli" is given twice: ${file} (document 1) and ${file} (document 1)`,
    );
    const secrets = files.docs(...refsSecrets("refs"));
    expect(fails(["render", "-f", file, "-f", secrets]).stderr).to.include(
      'Secret "refs/cli-jwt" is given twice',
    );
    expect(() =>
      rejectDuplicateObjects([
        { object: { kind: "Service", metadata: { name: "a-api", namespace: "n" } }, from: "A" },
        { object: { kind: "ConfigMap", metadata: { name: "a-api", namespace: "n" } }, from: "B" },
        { object: { kind: "Service", metadata: { name: "a-api", namespace: "n" } }, from: "C" },
      ]),
    ).to.throw('Service "n/a-api" would be rendered twice: A and C');
  });
});
