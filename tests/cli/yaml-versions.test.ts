/** Plain scalars that YAML 1.1 readers (kubectl) and YAML 1.2 read differently (src/cli/yaml-versions.ts). */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { fails, inputFiles } from "../helpers/cli";

describe("dittofs render: inputs (files, standard input, limits, what is not an input)", () => {
  const files = inputFiles("dittofs-yaml-versions-");

  it("refuses plain scalars that YAML 1.1 (kubectl) and YAML 1.2 read differently, asking for quotes", () => {
    const file = path.join(files.dir, "ambiguous.yaml");
    fs.writeFileSync(
      file,
      "apiVersion: dittofs.dittofs.com/v1alpha1\nkind: DittoServer\nmetadata: {name: amb}\nspec:\n" +
        "  storage: {metadataSize: 1Gi}\n  nfsPort: 0777\n  identity: {jwt: {issuer: on}}\n" +
        "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {n: yes-really, k: off}\n",
    );
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include(
      'spec.nfsPort (line 6, column 12): "0777" reads as 777 in YAML 1.2 but as 511 for YAML 1.1 readers (kubectl)',
    );
    expect(r.stderr).to.include(
      'spec.identity.jwt.issuer (line 7, column 28): "on" reads as "on" in YAML 1.2 but as true',
    );
    // Quoted, both read the same.
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("0777", "777").replace(": on}", ': "on"}'),
    );
    const secret = fails(["render", "-f", file]).stderr;
    expect(secret).to.include(
      'stringData, a key (line 12, column 14): "n" reads as "n" in YAML 1.2 but as false',
    );
    expect(secret).to.include(
      "stringData.k (line 12, column 32): YAML 1.2 and YAML 1.1 readers (kubectl) read this value differently: quote it",
    );
  });
});
