import { expect } from "chai";
import { SHARE_BAD_INPUTS } from "./bad-inputs/share";
import { SHARE_PERMISSION_BAD_INPUTS } from "./bad-inputs/share-permission";
import { SHARE_QUOTA_BAD_INPUTS } from "./bad-inputs/share-quota";
import { SNAPSHOT_POLICY_BAD_INPUTS } from "./bad-inputs/snapshot-policy";
import { liveServerUnavailable, LiveServer } from "./live-server";
import { PluginClient, secret, type Props } from "./plugin-client";

const SHARE = "dittofs:index:Share";
const PERM = "dittofs:index:SharePermission";
const QUOTA = "dittofs:index:ShareQuota";
const POLICY = "dittofs:index:SnapshotPolicy";

/** The inputs a read reports compare with the checked ones: the provider-only `adopt` aside. */
function serverSide(inputs: Props): Props {
  const { adopt: _adopt, ...rest } = inputs;
  void _adopt;
  return rest;
}

describe("Share, SharePermission, ShareQuota and SnapshotPolicy on a real v0.29 server, through the plugin's gRPC methods", function () {
  this.timeout(120000);
  let server: LiveServer;
  let plugin: PluginClient;
  /** Store ids by name, as the server made them. */
  const storeIds: Record<string, string> = {};

  const check = async (type: string, inputs: Props): Promise<Props> => {
    const c = await plugin.check(type, inputs);
    expect(c.failures, `${type} ${JSON.stringify(inputs)}`).to.deep.equal([]);
    return c.inputs;
  };
  /** Every failure message the plugin gave (the leak check reads them). */
  const messages: string[] = [];
  const failureOf = (p: Promise<unknown>): Promise<string> =>
    p.then(
      () => expect.fail("expected a failure"),
      (e: Error) => (messages.push(e.message), e.message),
    );
  /** Created through the plugin: checked inputs, id and outputs. */
  const make = async (type: string, inputs: Props) => {
    const checked = await check(type, inputs);
    const created = await plugin.create(type, checked);
    return { checked, ...created };
  };
  const rest = async (method: string, path: string, body?: unknown, want = [200, 201, 204]) => {
    const r = await server.rest(method, path, body);
    expect(want, `${method} ${path}: ${JSON.stringify(r.body)}`).to.include(r.status);
    return r.body;
  };

  before(async function () {
    const why = liveServerUnavailable();
    if (why) {
      console.log(`    skipped: ${why}`);
      this.skip();
    }
    server = await LiveServer.start("res-shares");
    plugin = await PluginClient.start();
    await plugin.configure({ endpoint: server.endpoint, password: secret(server.adminPassword) });
    // The stores, users and groups the shares need (other kinds' business: made directly).
    for (const [list, name] of [
      ["metadata", "meta"],
      ["metadata", "meta2"],
      ["block/local", "local"],
      ["block/local", "local2"],
      ["block/remote", "remote"],
    ])
      storeIds[name] = (await rest("POST", `/api/v1/store/${list}`, { name, type: "memory" })).id;
    await rest("POST", "/api/v1/users", {
      username: "alice@corp",
      password: "Pw-alice-123",
      uid: 1000,
      gid: 1000,
    });
    await rest("POST", "/api/v1/users", {
      username: "bob",
      password: "Pw-bob-12345",
      uid: 1001,
      gid: 1001,
    });
    await rest("POST", "/api/v1/groups", { name: "devs", gid: 2000 });
  });
  after(async () => {
    await plugin?.stop();
    await server?.dispose();
  });

  it("Share: creates, reads back, updates in place, replaces, deletes (twice)", async () => {
    const s = await make(SHARE, {
      name: "/export",
      metadataStore: "meta",
      localBlockStore: "local",
      owner: "alice@corp",
    });
    expect(s.id).to.equal("/export");
    const onServer = await rest("GET", "/api/v1/shares/export");
    expect(onServer).to.include({
      name: "/export",
      metadata_store_id: storeIds.meta,
      local_block_store_id: storeIds.local,
      enabled: true,
      default_permission: "none",
      owner_uid: 1000,
    });
    expect(s.outputs.shareId).to.equal(onServer.id);
    const read = await plugin.read(SHARE, s.id, s.outputs, s.checked);
    expect(serverSide(read.inputs)).to.deep.equal(serverSide(s.checked));

    const news = await check(SHARE, {
      ...s.checked,
      localBlockStore: "local2",
      remoteBlockStore: "remote",
      readOnly: true,
      defaultPermission: "read",
      quotaBytes: "10GiB",
      blockedOperations: ["REMOVE"],
      retentionPolicy: "ttl",
      retentionTtl: "72h",
    });
    const d = await plugin.diff(SHARE, s.id, s.checked, news);
    expect(d.changes).to.equal("some");
    expect(d.replaces).to.deep.equal([]);
    const updated = await plugin.update(SHARE, s.id, s.outputs, news);
    const after = await rest("GET", "/api/v1/shares/export");
    expect(after).to.include({
      local_block_store_id: storeIds.local2,
      remote_block_store_id: storeIds.remote,
      read_only: true,
      default_permission: "read",
      quota_bytes: "10.00GiB",
      retention_policy: "ttl",
      retention_ttl: "72h0m0s",
    });
    expect(after.blocked_operations).to.deep.equal(["REMOVE"]);
    expect(serverSide((await plugin.read(SHARE, s.id, updated, news)).inputs)).to.deep.equal(
      serverSide(news),
    );

    // The metadata store cannot change in place: replaced, deleting first (the name stays).
    const moved = await check(SHARE, { ...news, metadataStore: "meta2" });
    const r = await plugin.diff(SHARE, s.id, news, moved);
    expect(r.replaces).to.deep.equal(["metadataStore"]);
    expect(r.deleteBeforeReplace).to.equal(true);
    await plugin.delete(SHARE, s.id, updated);
    const again = await plugin.create(SHARE, moved);
    expect((await rest("GET", "/api/v1/shares/export")).metadata_store_id).to.equal(storeIds.meta2);

    await plugin.delete(SHARE, again.id, again.outputs);
    expect((await server.rest("GET", "/api/v1/shares/export")).status).to.equal(404);
    await plugin.delete(SHARE, again.id, again.outputs);
    expect((await plugin.read(SHARE, again.id, again.outputs, moved)).id).to.equal("");
  });

  it("Share: imports by name, shows drift made elsewhere and repairs it, adopts only when asked", async () => {
    const wanted = {
      name: "/docs",
      metadataStore: "meta",
      localBlockStore: "local",
      defaultPermission: "read",
      quotaBytes: "1GiB",
      owner: "alice@corp",
    };
    const s = await make(SHARE, wanted);
    // Import: the id alone.
    const imported = await plugin.read(SHARE, "/docs");
    expect(imported.inputs).to.deep.equal(serverSide(s.checked));
    const userInputs = await check(SHARE, wanted);
    expect((await plugin.diff(SHARE, "/docs", imported.inputs, userInputs)).changes).to.equal(
      "none",
    );

    // Out of band: read-only, disabled, another quota.
    await rest("PUT", "/api/v1/shares/docs", { read_only: true, quota_bytes: "2GiB" });
    await rest("POST", "/api/v1/shares/docs/disable");
    const refreshed = await plugin.read(SHARE, "/docs", s.outputs, s.checked);
    expect(refreshed.inputs).to.include({ readOnly: true, enabled: false, quotaBytes: "2GiB" });
    const d = await plugin.diff(SHARE, "/docs", refreshed.inputs, s.checked);
    expect(Object.keys(d.detailed).sort()).to.deep.equal(["enabled", "quotaBytes", "readOnly"]);
    await plugin.update(SHARE, "/docs", refreshed.outputs, s.checked);
    expect(await rest("GET", "/api/v1/shares/docs")).to.include({
      read_only: false,
      enabled: true,
      quota_bytes: "1.00GiB",
    });
    expect(
      serverSide((await plugin.read(SHARE, "/docs", s.outputs, s.checked)).inputs),
    ).to.deep.equal(serverSide(s.checked));

    // Adoption.
    const conflict = await failureOf(plugin.create(SHARE, s.checked));
    expect(conflict).to.match(
      /HTTP 409.*Set adopt: true.*pulumi import dittofs:index:Share <name> "\/docs"/,
    );
    const adopted = await plugin.create(SHARE, await check(SHARE, { ...wanted, adopt: true }));
    expect(adopted.id).to.equal("/docs");
    const differs = await failureOf(
      plugin.create(SHARE, await check(SHARE, { ...wanted, readOnly: true, adopt: true })),
    );
    expect(differs).to.match(
      /already exists on the server and differs in readOnly: adopt takes over identical objects only/,
    );
    await plugin.delete(SHARE, "/docs", s.outputs);
  });

  it("Share: created disabled, with the name's characters escaped as the server's router reads them", async () => {
    const s = await make(SHARE, {
      name: "/team@corp",
      metadataStore: "meta",
      localBlockStore: "local",
      enabled: false,
    });
    expect(await rest("GET", `/api/v1/shares/${encodeURIComponent("team@corp")}`)).to.include({
      name: "/team@corp",
      enabled: false,
    });
    expect(serverSide((await plugin.read(SHARE, s.id, s.outputs, s.checked)).inputs)).to.deep.equal(
      serverSide(s.checked),
    );
    await plugin.delete(SHARE, s.id, s.outputs);
  });

  describe("on a share", () => {
    before(async () => {
      await rest("POST", "/api/v1/shares", {
        name: "/data",
        metadata_store_id: "meta",
        local_block_store: "local",
      });
    });

    it("SharePermission: user, group and SID grants; update, replace, delete (twice), import, drift, adoption", async () => {
      const u = await make(PERM, {
        share: "/data",
        principalType: "user",
        principal: "alice@corp",
        level: "read",
      });
      expect(u.id).to.equal("/data|user:alice@corp");
      const g = await make(PERM, {
        share: "/data",
        principalType: "group",
        principal: "devs",
        level: "read-write",
      });
      const sid = await make(PERM, {
        share: "/data",
        principalType: "sid",
        principal: "S-1-5-21-1-2-3-1001",
        level: "admin",
        displayName: "Domain Admins",
      });
      const listed = await rest("GET", "/api/v1/shares/data/permissions");
      expect(listed).to.deep.include.members([
        { type: "user", name: "alice@corp", level: "read" },
        { type: "group", name: "devs", level: "read-write" },
        {
          type: "sid",
          name: "Domain Admins",
          level: "admin",
          sid: "S-1-5-21-1-2-3-1001",
          is_group: true,
        },
      ]);
      for (const p of [u, g, sid])
        expect(
          serverSide((await plugin.read(PERM, p.id, p.outputs, p.checked)).inputs),
        ).to.deep.equal(serverSide(p.checked));

      // Update in place.
      const higher = await check(PERM, { ...u.checked, level: "admin" });
      expect((await plugin.diff(PERM, u.id, u.checked, higher)).replaces).to.deep.equal([]);
      await plugin.update(PERM, u.id, u.outputs, higher);
      expect(await rest("GET", "/api/v1/shares/data/permissions")).to.deep.include({
        type: "user",
        name: "alice@corp",
        level: "admin",
      });

      // Replace: another principal (a new key: created before the old one goes).
      const toBob = await check(PERM, { ...higher, principal: "bob" });
      const r = await plugin.diff(PERM, u.id, higher, toBob);
      expect(r.replaces).to.deep.equal(["principal"]);
      expect(r.deleteBeforeReplace).to.equal(false);
      const bob = await plugin.create(PERM, toBob);
      await plugin.delete(PERM, u.id, higher);
      const names = (await rest("GET", "/api/v1/shares/data/permissions")).map(
        (e: Props) => e.name,
      );
      expect(names).to.include("bob").and.not.include("alice@corp");
      await plugin.delete(PERM, u.id, higher);

      // Import by id; drift; repair.
      const imported = await plugin.read(PERM, bob.id);
      expect(imported.inputs).to.deep.equal(serverSide(toBob));
      expect((await plugin.diff(PERM, bob.id, imported.inputs, toBob)).changes).to.equal("none");
      await rest("PUT", "/api/v1/shares/data/permissions/groups/devs", { level: "none" });
      const drifted = await plugin.read(PERM, g.id, g.outputs, g.checked);
      expect(drifted.inputs.level).to.equal("none");
      expect(
        Object.keys((await plugin.diff(PERM, g.id, drifted.inputs, g.checked)).detailed),
      ).to.deep.equal(["level"]);
      await plugin.update(PERM, g.id, drifted.outputs, g.checked);
      expect(await rest("GET", "/api/v1/shares/data/permissions")).to.deep.include({
        type: "group",
        name: "devs",
        level: "read-write",
      });

      // Adoption: the server's PUT would overwrite; the provider refuses unless asked, and then only identical grants.
      const conflict = await failureOf(plugin.create(PERM, g.checked));
      expect(conflict).to.match(
        /HTTP 409.*Set adopt: true.*pulumi import dittofs:index:SharePermission <name> "\/data\|group:devs"/,
      );
      await plugin.create(PERM, await check(PERM, { ...serverSide(g.checked), adopt: true }));
      const differs = await failureOf(
        plugin.create(
          PERM,
          await check(PERM, { ...serverSide(g.checked), level: "admin", adopt: true }),
        ),
      );
      expect(differs).to.match(/differs in level/);
      expect(await rest("GET", "/api/v1/shares/data/permissions")).to.deep.include({
        type: "group",
        name: "devs",
        level: "read-write",
      });

      for (const p of [g, sid, { ...bob, checked: toBob }]) {
        await plugin.delete(PERM, p.id, p.outputs);
        expect((await plugin.read(PERM, p.id, p.outputs, p.checked)).id).to.equal("");
      }
      expect(await rest("GET", "/api/v1/shares/data/permissions")).to.satisfy(
        (l: unknown) => l === null || (Array.isArray(l) && l.length === 0),
      );
    });

    it("ShareQuota: creates, reads back, updates, imports, shows drift and repairs it, adopts only when asked, deletes (twice)", async () => {
      const q = await make(QUOTA, {
        share: "/data",
        scope: "user",
        identityId: 1000,
        limitBytes: "10GiB",
        softBytes: "8GiB",
        graceSeconds: 3600,
      });
      expect(q.id).to.equal("/data|user:1000");
      expect(await rest("GET", "/api/v1/shares/data/quotas/user/1000")).to.include({
        limit_bytes: "10.00GiB",
        soft_bytes: "8.00GiB",
        grace_seconds: 3600,
      });
      expect(
        serverSide((await plugin.read(QUOTA, q.id, q.outputs, q.checked)).inputs),
      ).to.deep.equal(serverSide(q.checked));
      const dflt = await make(QUOTA, { share: "/data", scope: "default-user", limitFiles: 10000 });
      expect(dflt.id).to.equal("/data|default-user");
      expect(await rest("GET", "/api/v1/shares/data/quotas/default-user/0")).to.include({
        limit_files: 10000,
      });

      const more = await check(QUOTA, { ...q.checked, limitBytes: "20GiB", limitFiles: 500 });
      expect((await plugin.diff(QUOTA, q.id, q.checked, more)).replaces).to.deep.equal([]);
      await plugin.update(QUOTA, q.id, q.outputs, more);
      expect(await rest("GET", "/api/v1/shares/data/quotas/user/1000")).to.include({
        limit_bytes: "20.00GiB",
        limit_files: 500,
      });

      const imported = await plugin.read(QUOTA, q.id);
      expect(imported.inputs).to.deep.equal(serverSide(more));
      expect((await plugin.diff(QUOTA, q.id, imported.inputs, more)).changes).to.equal("none");

      await rest("PUT", "/api/v1/shares/data/quotas/user/1000", { limit_bytes: "1GiB" });
      const drifted = await plugin.read(QUOTA, q.id, q.outputs, more);
      expect(drifted.inputs).to.include({ limitBytes: "1GiB", limitFiles: 0, graceSeconds: 0 });
      expect(drifted.inputs.softBytes).to.equal(undefined);
      await plugin.update(QUOTA, q.id, drifted.outputs, more);
      expect(serverSide((await plugin.read(QUOTA, q.id, q.outputs, more)).inputs)).to.deep.equal(
        serverSide(more),
      );

      expect(await failureOf(plugin.create(QUOTA, more))).to.match(
        /HTTP 409.*Set adopt: true.*pulumi import dittofs:index:ShareQuota <name> "\/data\|user:1000"/,
      );
      await plugin.create(QUOTA, await check(QUOTA, { ...serverSide(more), adopt: true }));
      expect(
        await failureOf(
          plugin.create(
            QUOTA,
            await check(QUOTA, { ...serverSide(more), limitFiles: 1, adopt: true }),
          ),
        ),
      ).to.match(/differs in limitFiles/);

      for (const x of [q, dflt]) {
        await plugin.delete(QUOTA, x.id, x.outputs);
        await plugin.delete(QUOTA, x.id, x.outputs);
      }
      expect((await server.rest("GET", "/api/v1/shares/data/quotas/user/1000")).status).to.equal(
        404,
      );
      expect(await rest("GET", "/api/v1/shares/data/quotas")).to.deep.equal([]);
    });

    it("SnapshotPolicy: creates, reads back, updates, replaces, imports, shows drift and repairs it, adopts only when asked, deletes (twice)", async () => {
      const p = await make(POLICY, {
        share: "/data",
        interval: "@daily",
        keepLast: 7,
        ttl: "720h",
        namePrefix: "nightly",
      });
      expect(p.id).to.equal("/data");
      expect(await rest("GET", "/api/v1/shares/data/snapshot-policy")).to.include({
        share: "/data",
        interval: "24h0m0s",
        keep_last: 7,
        ttl: "720h0m0s",
        enabled: true,
        name_prefix: "nightly",
      });
      expect(
        serverSide((await plugin.read(POLICY, p.id, p.outputs, p.checked)).inputs),
      ).to.deep.equal(serverSide(p.checked));

      const hourly = await check(POLICY, { ...p.checked, interval: "1h", enabled: false });
      expect((await plugin.diff(POLICY, p.id, p.checked, hourly)).replaces).to.deep.equal([]);
      await plugin.update(POLICY, p.id, p.outputs, hourly);
      expect(await rest("GET", "/api/v1/shares/data/snapshot-policy")).to.include({
        interval: "1h0m0s",
        enabled: false,
      });

      const imported = await plugin.read(POLICY, "/data");
      expect(imported.inputs).to.deep.equal(serverSide(hourly));
      expect((await plugin.diff(POLICY, "/data", imported.inputs, hourly)).changes).to.equal(
        "none",
      );

      await rest("PUT", "/api/v1/shares/data/snapshot-policy", { interval: "6h", keep_last: 2 });
      const drifted = await plugin.read(POLICY, p.id, p.outputs, hourly);
      expect(drifted.inputs).to.include({ interval: "6h", keepLast: 2, enabled: true });
      expect(drifted.inputs.ttl).to.equal(undefined);
      await plugin.update(POLICY, p.id, drifted.outputs, hourly);
      expect(serverSide((await plugin.read(POLICY, p.id, p.outputs, hourly)).inputs)).to.deep.equal(
        serverSide(hourly),
      );

      expect(await failureOf(plugin.create(POLICY, hourly))).to.match(
        /HTTP 409.*Set adopt: true.*pulumi import dittofs:index:SnapshotPolicy <name> "\/data"/,
      );
      await plugin.create(POLICY, await check(POLICY, { ...serverSide(hourly), adopt: true }));
      expect(
        await failureOf(
          plugin.create(
            POLICY,
            await check(POLICY, { ...serverSide(hourly), keepLast: 3, adopt: true }),
          ),
        ),
      ).to.match(/differs in keepLast/);

      // Another share: replaced; a new key, so created before the old one goes.
      await rest("POST", "/api/v1/shares", {
        name: "/data2",
        metadata_store_id: "meta",
        local_block_store: "local",
      });
      const moved = await check(POLICY, { ...hourly, share: "/data2" });
      const r = await plugin.diff(POLICY, p.id, hourly, moved);
      expect(r.replaces).to.deep.equal(["share"]);
      expect(r.deleteBeforeReplace).to.equal(false);
      const p2 = await plugin.create(POLICY, moved);
      await plugin.delete(POLICY, p.id, p.outputs);
      expect((await server.rest("GET", "/api/v1/shares/data/snapshot-policy")).status).to.equal(
        404,
      );
      await plugin.delete(POLICY, p.id, p.outputs);
      await plugin.delete(POLICY, p2.id, p2.outputs);
      expect(await rest("GET", "/api/v1/snapshot-policies")).to.deep.equal([]);
    });

    it("refuses the bad inputs only the server can know, with its status and message", async () => {
      await rest("POST", "/api/v1/shares", {
        name: "/export",
        metadata_store_id: "meta",
        local_block_store: "local",
      });
      const cases = [
        ...SHARE_BAD_INPUTS,
        ...SHARE_PERMISSION_BAD_INPUTS,
        ...SHARE_QUOTA_BAD_INPUTS,
        ...SNAPSHOT_POLICY_BAD_INPUTS,
      ].filter((c) => c.serverOnly);
      expect(cases).to.have.length(8);
      for (const c of cases) {
        const inputs = { ...c.inputs, ...(c.type === SHARE ? { name: "/refused" } : {}) };
        const message = await failureOf(plugin.create(c.type, await check(c.type, inputs)));
        expect(message, c.title).to.match(c.reason);
      }
      // Nothing was made on the way.
      expect((await server.rest("GET", "/api/v1/shares/refused")).status).to.equal(404);
      expect(await rest("GET", "/api/v1/shares/no-such-share/quotas")).to.deep.equal([]);
    });

    it("never shows the provider's password in a failure or the plugin's output", () => {
      expect(messages).to.have.length.of.at.least(16);
      for (const text of [...messages, plugin.stderr.join("")])
        expect(text).to.not.include(server.adminPassword);
    });
  });
});
