import { expect } from "chai";
import { checkInputs } from "../../../src/resources/check";
import { kindOf } from "../../../src/resources/kinds";
import { ADAPTER_BAD_INPUTS } from "../bad-inputs/adapter";
import { ADAPTER_SETTINGS_BAD_INPUTS } from "../bad-inputs/adapter-settings";
import { NETGROUP_BAD_INPUTS } from "../bad-inputs/netgroup";

const CASES = [...ADAPTER_BAD_INPUTS, ...ADAPTER_SETTINGS_BAD_INPUTS, ...NETGROUP_BAD_INPUTS];

describe("bad inputs of Adapter, AdapterSettings and Netgroup: refused at check with the field path", () => {
  for (const c of CASES.filter((c) => !c.serverOnly))
    it(`${c.type.split(":").pop()}: ${c.title}`, () => {
      const { failures } = checkInputs(kindOf(c.type)!, structuredClone(c.inputs));
      const at = failures.filter((f) => f.property === c.property);
      expect(at, JSON.stringify(failures)).to.have.length.greaterThan(0);
      expect(at.map((f) => f.reason).join("\n")).to.match(c.reason);
    });

  for (const c of CASES.filter((c) => c.serverOnly))
    it(`${c.type.split(":").pop()}: ${c.title} passes check (only the server can refuse it)`, () => {
      expect(checkInputs(kindOf(c.type)!, structuredClone(c.inputs)).failures).to.deep.equal([]);
    });

  it("has at least 8 cases per kind", () => {
    for (const list of [ADAPTER_BAD_INPUTS, ADAPTER_SETTINGS_BAD_INPUTS, NETGROUP_BAD_INPUTS])
      expect(list.length).to.be.at.least(8);
    expect(CASES.length).to.be.at.least(28);
  });
});
