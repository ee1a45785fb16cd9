import { expect } from "chai";
import { checkInputs } from "../../../src/resources/check";
import { kindOf } from "../../../src/resources/kinds";
import { SHARE, SHARE_BAD_INPUTS } from "../bad-inputs/share";
import { PERMISSION, SHARE_PERMISSION_BAD_INPUTS } from "../bad-inputs/share-permission";
import { QUOTA, SHARE_QUOTA_BAD_INPUTS } from "../bad-inputs/share-quota";
import { POLICY, SNAPSHOT_POLICY_BAD_INPUTS } from "../bad-inputs/snapshot-policy";

const CASES = [
  ...SHARE_BAD_INPUTS,
  ...SHARE_PERMISSION_BAD_INPUTS,
  ...SHARE_QUOTA_BAD_INPUTS,
  ...SNAPSHOT_POLICY_BAD_INPUTS,
];

// Each case is run by tests/resources/bad-inputs.test.ts; here, what the share kinds' corpus promises beyond that.
describe("bad inputs of shares, permissions, quotas and snapshot policies", () => {
  it("has at least 8 cases per kind, and the bases pass check", () => {
    for (const [base, token] of [
      [SHARE, "Share"],
      [PERMISSION, "SharePermission"],
      [QUOTA, "ShareQuota"],
      [POLICY, "SnapshotPolicy"],
    ] as const) {
      expect(CASES.filter((c) => c.type === `dittofs:index:${token}`)).to.have.length.of.at.least(
        8,
      );
      expect(checkInputs(kindOf(`dittofs:index:${token}`)!, { ...base }).failures).to.deep.equal(
        [],
      );
    }
  });
});
