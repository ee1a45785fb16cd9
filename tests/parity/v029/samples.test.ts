import { expect } from "chai";
import { inventory, expectedObjects, normalize } from "./parity";
import { renderSample, renderedObjects, sampleInputs, STAND_INS } from "./sample-inputs";

const inputs = sampleInputs();

describe("parity with the v0.29 operator for every v0.29 sample (differences applied)", () => {
  it("finds the eight DittoServer samples", () => {
    expect(inputs.map((i) => i.sample.file)).to.have.length(8);
  });

  it("strips the stale `smb:` of exactly the two samples that still carry it", () => {
    expect(inputs.filter((i) => i.strippedSmb).map((i) => i.sample.file)).to.deep.equal([
      "dittofs-s3-smb-server-with-secrets.yaml",
      "dittofs-s3-smb-server.yaml",
    ]);
    for (const i of inputs) expect(i.cr.spec, i.sample.file).not.to.have.property("smb");
  });

  for (const [file, standIn] of Object.entries(STAND_INS)) {
    it(`${file}: as given, render names what the cluster must hold (differences: secret-contents)`, () => {
      const given = sampleInputs(false).find((i) => i.sample.file === file)!;
      const result = renderSample(given);
      expect(result.code).to.equal(1);
      for (const needle of standIn.refusal) expect(result.stderr).to.match(needle);
    });
  }

  for (const i of inputs) {
    const via = i.standIn ? ` (stand-in: ${i.standIn.why})` : "";
    it(`${i.sample.file}: rendered objects equal the operator's with the differences applied${via}`, () => {
      const result = renderSample(i);
      expect(result.code, result.stderr).to.equal(0);
      const name = i.cr.metadata.name;
      const ctx = { cr: i.cr, name, namespace: i.cr.metadata.namespace, secrets: i.secrets };
      const ours = normalize(renderedObjects(result), name);
      const expected = normalize(expectedObjects(ctx), name);
      expect(inventory(ours)).to.deep.equal(inventory(expected));
      expect(ours).to.deep.equal(expected);
    });
  }
});
