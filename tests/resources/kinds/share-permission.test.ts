import { expect } from "chai";
import { ApiError } from "../../../src/resources/api-client";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { sharePermission } from "../../../src/resources/kinds/share-permission";
import { fakeObjectsApi as fakeApi } from "./fake-api";

const USER = { share: "/export", principalType: "user", principal: "alice@corp", level: "read" };
const SID = {
  share: "/export",
  principalType: "sid",
  principal: "S-1-5-21-1-2-3-1001",
  level: "admin",
};
const LIST = "/api/v1/shares/export/permissions";

describe("SharePermission", () => {
  it("round-trips ids with a share, a type and a principal (even one with `|` or `:`)", () => {
    for (const i of [USER, SID, { ...USER, principal: "we|ird:name" }])
      expect(sharePermission.keyOf(sharePermission.id(i as any))).to.deep.equal({
        share: i.share,
        principalType: i.principalType,
        principal: i.principal,
      });
    expect(sharePermission.id(USER as any)).to.equal("/export|user:alice@corp");
  });

  it("refuses malformed import ids, naming the shape", () => {
    for (const id of [
      "alice",
      "/export|alice",
      "/export|role:x",
      "export|user:alice",
      "/export|user:",
    ])
      expect(() => sharePermission.keyOf(id)).to.throw(
        /SharePermission id .* is malformed: expected `<share>\|user:<username>`/,
      );
  });

  it("replaces on a new share, type or principal (deleting first only when the key stays); updates the level", () => {
    const c = (x: object) => checkInputs(sharePermission, x as any).inputs;
    expect(
      diffInputs(sharePermission, c(USER), c({ ...USER, level: "read-write" })),
    ).to.deep.include({
      replaces: [],
      changes: { level: "update" },
    });
    const other = diffInputs(sharePermission, c(USER), c({ ...USER, principal: "bob" }));
    expect(other.replaces).to.deep.equal(["principal"]);
    expect(other.deleteBeforeReplace).to.equal(false);
  });

  it("refuses an existing grant at create (the server's PUT would overwrite it)", async () => {
    const api = fakeApi({ [LIST]: [{ type: "user", name: "alice@corp", level: "admin" }] });
    const e = await sharePermission.create(api, USER as any).catch((x) => x);
    expect(e).to.be.instanceOf(ApiError);
    expect(e.status).to.equal(409);
    expect(api.calls.filter((x) => x.method === "PUT")).to.deep.equal([]);
  });

  it("grants with the principal escaped as the server's router reads it", async () => {
    const api = fakeApi({ [LIST]: null });
    await sharePermission.create(api, USER as any);
    expect(api.calls.at(-1)).to.deep.equal({
      method: "PUT",
      path: "/api/v1/shares/export/permissions/users/alice@corp",
      body: { level: "read" },
    });
  });

  it("reads a SID grant by its SID, with its display name and a non-default isGroup", async () => {
    const api = fakeApi({
      [LIST]: [
        { type: "sid", name: "Domain Admins", sid: SID.principal, level: "admin", is_group: false },
      ],
    });
    const read = await sharePermission.read(api, sharePermission.id(SID as any), {});
    expect(read!.inputs).to.deep.equal({ ...SID, isGroup: false, displayName: "Domain Admins" });
    expect(
      await sharePermission.read(fakeApi({ [LIST]: [] }), sharePermission.id(SID as any), {}),
    ).to.equal(undefined);
  });

  it("counts a grant whose share is gone as deleted", async () => {
    const api = fakeApi();
    api.call = (async (method: string, path: string) => {
      if (method === "DELETE")
        throw new ApiError(method, path, 500, "Failed to delete user permission");
      return undefined;
    }) as any;
    await sharePermission.delete(api, sharePermission.id(USER as any), USER as any);
  });
});
