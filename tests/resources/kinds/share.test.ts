import { expect } from "chai";
import { ApiError } from "../../../src/resources/api-client";
import { checkInputs } from "../../../src/resources/check";
import { createResource, InitFailed } from "../../../src/resources/lifecycle";
import { diffInputs } from "../../../src/resources/diff";
import { share, type ShareInputs } from "../../../src/resources/kinds/share";
import { fakeObjectsApi as fakeApi } from "./fake-api";

const BASE = { name: "/export", metadataStore: "meta", localBlockStore: "local" };
const checked = (extra: Record<string, unknown> = {}): ShareInputs =>
  checkInputs(share, { ...BASE, ...extra }).inputs as unknown as ShareInputs;

/** The server's answer for BASE as created (ids for the stores). */
const RESPONSE = {
  id: "s-1",
  name: "/export",
  metadata_store_id: "m-1",
  local_block_store_id: "l-1",
  remote_block_store_id: null,
  read_only: false,
  enabled: true,
  encrypt_data: false,
  default_permission: "none",
  retention_policy: "lru",
  acl_flag_inherited_canonicalization: true,
  access_based_enumeration: false,
  change_notify_disabled: false,
  streams_disabled: false,
  continuous_availability: false,
  allow_mfsymlink: false,
  trash_enabled: false,
  trash_retention_days: 0,
  trash_restrict_to_admin: false,
  trash_max_bytes: 0,
};
const plain = (extra: Record<string, unknown> = {}) =>
  ({ ...checked(extra) }) as Record<string, unknown>;
const STORES = {
  "/api/v1/store/metadata": [{ id: "m-1", name: "meta" }],
  "/api/v1/store/block/local": [{ id: "l-1", name: "local" }],
  "/api/v1/store/block/remote": [{ id: "r-1", name: "s3" }],
};

describe("Share", () => {
  it("fills the server's defaults at check", () => {
    expect(checked()).to.include({
      enabled: true,
      readOnly: false,
      defaultPermission: "none",
      retentionPolicy: "lru",
      aclFlagInheritedCanonicalization: true,
      trashRetentionDays: 0,
    });
  });

  it("replaces (deleting first: same name) on a new name, metadata store or owner; updates the rest in place", () => {
    const renamed = diffInputs(share, plain(), plain({ name: "/other" }));
    expect(renamed.replaces).to.deep.equal(["name"]);
    expect(renamed.deleteBeforeReplace).to.equal(false);
    const moved = diffInputs(share, plain(), plain({ metadataStore: "meta2" }));
    expect(moved.replaces).to.deep.equal(["metadataStore"]);
    expect(moved.deleteBeforeReplace).to.equal(true);
    expect(diffInputs(share, plain(), plain({ owner: "alice" })).replaces).to.deep.equal(["owner"]);
    const inPlace = diffInputs(
      share,
      plain(),
      plain({ localBlockStore: "l2", readOnly: true, quotaBytes: "1GiB" }),
    );
    expect(inPlace.replaces).to.deep.equal([]);
    expect(inPlace.changes).to.deep.equal({
      localBlockStore: "update",
      readOnly: "update",
      quotaBytes: "add",
    });
  });

  it("round-trips its id and refuses a malformed import id", () => {
    expect(share.keyOf(share.id(checked()))).to.deep.equal({ name: "/export" });
    expect(() => share.keyOf("export")).to.throw(
      /Share id "export" is malformed: expected the share's name with one leading \//,
    );
  });

  it("addresses the share by its name without the leading slash, as dfsctl does", async () => {
    const api = fakeApi({ "/api/v1/shares/export": RESPONSE, ...STORES });
    expect(await share.read(api, "/export", {})).to.not.equal(undefined);
    await share.delete(api, "/export", checked());
    expect(api.calls.at(-1)).to.deep.equal({ method: "DELETE", path: "/api/v1/shares/export" });
  });

  it("reads the stores by name, and a refresh without change equals the checked inputs", async () => {
    const api = fakeApi({
      "/api/v1/shares/export": {
        ...RESPONSE,
        quota_bytes: "10.00GiB",
        retention_ttl: "72h0m0s",
        retention_policy: "ttl",
      },
      ...STORES,
    });
    const inputs = checked({ quotaBytes: "10GiB", retentionPolicy: "ttl", retentionTtl: "72h" });
    const wanted = { ...inputs } as Record<string, unknown>;
    delete wanted.adopt;
    const read = await share.read(api, "/export", wanted);
    expect(read!.inputs).to.deep.equal(wanted);
    expect(read!.outputs).to.deep.equal({ shareId: "s-1" });
  });

  it("shows drift: a quota or store changed elsewhere reads as the server has it", async () => {
    const api = fakeApi({
      "/api/v1/shares/export": {
        ...RESPONSE,
        quota_bytes: "20.00GiB",
        remote_block_store_id: "r-1",
      },
      ...STORES,
    });
    const read = await share.read(api, "/export", checked({ quotaBytes: "10GiB" }));
    expect(read!.inputs).to.include({ quotaBytes: "20GiB", remoteBlockStore: "s3" });
  });

  it("updates only what differs; an unset size or TTL is sent as the server's none", async () => {
    const api = fakeApi();
    await share.update(
      api,
      "/export",
      checked({ quotaBytes: "10GiB", remoteBlockStore: "s3" }),
      checked({ readOnly: true }),
    );
    expect(api.calls).to.deep.equal([
      {
        method: "PUT",
        path: "/api/v1/shares/export",
        body: { read_only: true, remote_block_store_id: "", quota_bytes: "0" },
      },
    ]);
  });

  it("sends a retention policy with its TTL, and toggles enabled with its own calls", async () => {
    const api = fakeApi();
    await share.update(
      api,
      "/export",
      checked(),
      checked({ retentionPolicy: "ttl", retentionTtl: "1h", enabled: false }),
    );
    expect(api.calls).to.deep.equal([
      {
        method: "PUT",
        path: "/api/v1/shares/export",
        body: { retention_policy: "ttl", retention_ttl: "1h" },
      },
      { method: "POST", path: "/api/v1/shares/export/disable" },
    ]);
  });

  it("creates disabled shares with a second call", async () => {
    const api = fakeApi();
    await share.create(api, checked({ enabled: false }));
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal([
      "POST /api/v1/shares",
      "POST /api/v1/shares/export/disable",
    ]);
    expect(api.calls[0].body).to.include({
      name: "/export",
      metadata_store_id: "meta",
      local_block_store: "local",
    });
  });

  it("imports the owner as the user with the owner's uid (not a change that would replace the share)", async () => {
    const api = fakeApi({
      "/api/v1/shares/export": { ...RESPONSE, owner_uid: 1000, owner_gid: 1000 },
      "/api/v1/users": [
        { username: "bob", uid: 1001 },
        { username: "alice", uid: 1000 },
      ],
      ...STORES,
    });
    expect((await share.read(api, "/export", {}))!.inputs.owner).to.equal("alice");
    expect((await share.read(api, "/export", { owner: "al" }))!.inputs.owner).to.equal("al");
  });

  it("records a share whose disable failed after its create as half-made, as the server has it", async () => {
    const api = fakeApi({ "/api/v1/shares/export": RESPONSE, ...STORES });
    const call = api.call.bind(api);
    api.call = (async (method: string, path: string, body?: unknown, allowed?: number[]) => {
      if (path.endsWith("/disable"))
        throw new ApiError(method, path, 500, "Failed to disable share");
      return call(method, path, body, allowed);
    }) as typeof api.call;
    const e = await createResource(share, api, plain({ enabled: false })).catch((x) => x);
    expect(e).to.be.instanceOf(InitFailed);
    expect(e.id).to.equal("/export");
    expect(e.outputs).to.include({ enabled: true, shareId: "s-1" });
    expect(e.reasons.join()).to.match(/HTTP 500: Failed to disable share/);
  });
});
