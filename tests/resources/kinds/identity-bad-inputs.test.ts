import { expect } from "chai";
import { checkInputs } from "../../../src/resources/check";
import { kindOf } from "../../../src/resources/kinds";
import { GROUP_BAD_INPUTS } from "../bad-inputs/group";
import { GROUP_MEMBERSHIP_BAD_INPUTS } from "../bad-inputs/group-membership";
import { IDENTITY_MAPPING_BAD_INPUTS } from "../bad-inputs/identity-mapping";
import { USER_BAD_INPUTS } from "../bad-inputs/user";

const CASES = [
  ...USER_BAD_INPUTS,
  ...GROUP_BAD_INPUTS,
  ...GROUP_MEMBERSHIP_BAD_INPUTS,
  ...IDENTITY_MAPPING_BAD_INPUTS,
];

/** Every value of the cases' inputs that a schema calls secret (none may show in a failure). */
function secretValues(type: string, inputs: Record<string, unknown>): string[] {
  const kind = kindOf(type)!;
  return Object.entries(inputs)
    .filter(([k]) => kind.inputs[k]?.secret)
    .map(([, v]) => String(v))
    .filter((v) => v !== "");
}

describe("bad inputs of User, Group, GroupMembership and IdentityMapping are refused at check", () => {
  for (const c of CASES) {
    if (c.serverOnly) continue; // exercised against the server (tests/resources/identity.server.ts)
    it(`${c.type.split(":")[2]}: ${c.title}`, () => {
      const { failures } = checkInputs(kindOf(c.type)!, c.inputs);
      const at = failures.filter((f) => f.property === c.property);
      expect(at, JSON.stringify(failures)).to.have.length.greaterThan(0);
      expect(at.map((f) => f.reason).join("\n")).to.match(c.reason);
      for (const s of secretValues(c.type, c.inputs))
        for (const f of failures) expect(f.reason).not.to.include(s);
    });
  }

  it("server-only cases are valid at check (only the server can refuse them)", () => {
    for (const c of [
      ...USER_BAD_INPUTS,
      ...GROUP_BAD_INPUTS,
      ...GROUP_MEMBERSHIP_BAD_INPUTS,
    ].filter((x) => x.serverOnly))
      expect(checkInputs(kindOf(c.type)!, c.inputs).failures, c.title).to.deep.equal([]);
  });
});
