import { expect } from "chai";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { SHARED } from "../../helpers/samples";
import { operatorConfig } from "./operator-config";
import { VARIANTS } from "./variants";

const DELTA = path.join(SHARED, "docs", "operator-v029-delta.md");

/** The YAML block that follows `marker` in the delta document. */
function printedConfig(marker: string): string {
  const after = fs.readFileSync(DELTA, "utf8").split(marker)[1];
  return `${after.split("```yaml\n")[1].split("```")[0]}`;
}

describe("the v0.29 operator model's config.yaml reproduces the delta document", () => {
  it("default spec: the 326 bytes with the published SHA-256", () => {
    const text = operatorConfig({ storage: { metadataSize: "10Gi" } });
    expect(Buffer.byteLength(text)).to.equal(326);
    expect(createHash("sha256").update(text).digest("hex")).to.equal(
      "15724ae2927a1ebc908515e34d22e1282cbd6f4d108bd6e2a54f8cf231115c9f",
    );
  });

  it("the worked example with every optional block on: the printed 1283 bytes", () => {
    const spec = VARIANTS.find((v) => v.title.startsWith("the worked example"))!.spec;
    const text = operatorConfig(spec);
    expect(text).to.equal(printedConfig("Output (1283 bytes):"));
    expect(Buffer.byteLength(text)).to.equal(1283);
  });
});
