import { expect } from "chai";
import { ApiError } from "../../../src/resources/api-client";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { shareQuota } from "../../../src/resources/kinds/share-quota";
import { fakeObjectsApi as fakeApi } from "./fake-api";

const USER = { share: "/export", scope: "user", identityId: 1000, limitBytes: "10GiB" };
const c = (x: object) => checkInputs(shareQuota, x as any).inputs;

describe("ShareQuota", () => {
  it("fills zero counts, and round-trips ids for each scope", () => {
    expect(c(USER)).to.include({ limitFiles: 0, softFiles: 0, graceSeconds: 0 });
    for (const [i, id] of [
      [USER, "/export|user:1000"],
      [{ share: "/export", scope: "group", identityId: 0 }, "/export|group:0"],
      [{ share: "/export", scope: "default-user" }, "/export|default-user"],
    ] as const) {
      expect(shareQuota.id(i as any)).to.equal(id);
      const key = { ...i } as Record<string, unknown>;
      delete key.limitBytes;
      expect(shareQuota.keyOf(id)).to.deep.equal(key);
    }
  });

  it("refuses malformed import ids", () => {
    for (const id of [
      "/export",
      "/export|user",
      "/export|user:x",
      "/export|user:4294967296",
      "/export|user:-1",
    ])
      expect(() => shareQuota.keyOf(id)).to.throw(
        /ShareQuota id .* is malformed: expected `<share>\|user:<uid>`/,
      );
  });

  it("replaces on a new identity (a new key: no delete first); updates limits in place", () => {
    const d = diffInputs(shareQuota, c(USER), c({ ...USER, identityId: 1001 }));
    expect(d.replaces).to.deep.equal(["identityId"]);
    expect(d.deleteBeforeReplace).to.equal(false);
    expect(diffInputs(shareQuota, c(USER), c({ ...USER, limitFiles: 5 })).changes).to.deep.equal({
      limitFiles: "update",
    });
  });

  it("refuses a quota on a share that does not exist, and an existing quota, before writing", async () => {
    const missing = await shareQuota.create(fakeApi(), c(USER) as any).catch((e) => e);
    expect(missing).to.be.instanceOf(ApiError);
    expect(missing.message).to.match(/HTTP 404: Share not found: \/export does not exist/);
    const api = fakeApi({
      "/api/v1/shares/export": {},
      "/api/v1/shares/export/quotas/user/1000": {},
    });
    expect((await shareQuota.create(api, c(USER) as any).catch((e) => e)).status).to.equal(409);
    expect(api.calls.filter((x) => x.method === "PUT")).to.deep.equal([]);
  });

  it("writes the whole quota, unset sizes as 0", async () => {
    const api = fakeApi({ "/api/v1/shares/export": {} });
    await shareQuota.create(
      api,
      c({ share: "/export", scope: "default-user", limitFiles: 10 }) as any,
    );
    expect(api.calls.at(-1)).to.deep.equal({
      method: "PUT",
      path: "/api/v1/shares/export/quotas/default-user/0",
      body: { limit_bytes: "0", soft_bytes: "0", limit_files: 10, soft_files: 0, grace_seconds: 0 },
    });
  });

  it("reads sizes in the inputs' spelling when the server's rounded figure is that size", async () => {
    const api = fakeApi({
      "/api/v1/shares/export/quotas/user/1000": {
        share_name: "/export",
        scope: "user",
        identity_id: 1000,
        limit_bytes: "10.00GiB",
        soft_bytes: "1.50GiB",
        limit_files: 0,
        soft_files: 0,
        grace_seconds: 0,
      },
    });
    const read = await shareQuota.read(api, "/export|user:1000", {
      ...USER,
      softBytes: "1GiB",
    } as any);
    expect(read!.inputs).to.deep.equal({
      share: "/export",
      scope: "user",
      identityId: 1000,
      limitBytes: "10GiB",
      softBytes: "1.5GiB",
      limitFiles: 0,
      softFiles: 0,
      graceSeconds: 0,
    });
  });
});
