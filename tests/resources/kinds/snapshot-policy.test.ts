import { expect } from "chai";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { snapshotPolicy } from "../../../src/resources/kinds/snapshot-policy";
import { fakeObjectsApi as fakeApi } from "./fake-api";

const POLICY = { share: "/export", interval: "@daily", keepLast: 7, ttl: "720h" };
const c = (x: object) => checkInputs(snapshotPolicy, x as any).inputs;
const PATH = "/api/v1/shares/export/snapshot-policy";

describe("SnapshotPolicy", () => {
  it("accepts Go durations and the server's shorthands; fills enabled and keepLast", () => {
    for (const interval of ["@hourly", "@weekly", "6h", "1h30m", "1.5h", "90s"])
      expect(checkInputs(snapshotPolicy, { share: "/export", interval }).failures).to.deep.equal(
        [],
      );
    expect(c({ share: "/export", interval: "1h" })).to.include({ enabled: true, keepLast: 0 });
  });

  it("is keyed by the share: a new share replaces, the rest updates", () => {
    expect(snapshotPolicy.keyOf(snapshotPolicy.id(POLICY as any))).to.deep.equal({
      share: "/export",
    });
    expect(() => snapshotPolicy.keyOf("export")).to.throw(
      /SnapshotPolicy id "export" is malformed/,
    );
    expect(
      diffInputs(snapshotPolicy, c(POLICY), c({ ...POLICY, share: "/b" })).replaces,
    ).to.deep.equal(["share"]);
    expect(
      diffInputs(snapshotPolicy, c(POLICY), c({ ...POLICY, interval: "12h" })).changes,
    ).to.deep.equal({
      interval: "update",
    });
  });

  it("reads `24h0m0s` as the inputs' `@daily`, and a changed interval as the server shows it", async () => {
    const answer = {
      share: "/export",
      enabled: true,
      interval: "24h0m0s",
      keep_last: 7,
      ttl: "720h0m0s",
    };
    const same = await snapshotPolicy.read(fakeApi({ [PATH]: answer }), "/export", POLICY);
    expect(same!.inputs).to.deep.equal({ ...POLICY, enabled: true });
    const drifted = await snapshotPolicy.read(
      fakeApi({ [PATH]: { ...answer, interval: "12h0m0s" } }),
      "/export",
      POLICY,
    );
    expect(drifted!.inputs.interval).to.equal("12h");
  });

  it("refuses to overwrite an existing policy at create", async () => {
    const api = fakeApi({ [PATH]: { interval: "1h" } });
    expect((await snapshotPolicy.create(api, c(POLICY) as any).catch((e) => e)).status).to.equal(
      409,
    );
    const fresh = fakeApi();
    await snapshotPolicy.create(fresh, c(POLICY) as any);
    expect(fresh.calls.at(-1)).to.deep.equal({
      method: "PUT",
      path: PATH,
      body: { interval: "@daily", keep_last: 7, ttl: "720h", enabled: true, name_prefix: "" },
    });
  });
});
