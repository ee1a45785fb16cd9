import { expect } from "chai";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { adapterSettings } from "../../../src/resources/kinds/adapter-settings";
import { fakeHandlerApi as fakeApi, type HandledCall as Call } from "./fake-api";

/** The NFS settings of a new v0.29 server, as its GET answers. */
const NFS_DEFAULTS = {
  min_version: "3",
  max_version: "4.1",
  lease_time: 90,
  grace_period: 90,
  delegation_recall_timeout: 90,
  callback_timeout: 5,
  lease_break_timeout: 35,
  max_connections: 0,
  max_clients: 10000,
  max_compound_ops: 50,
  max_read_size: 1048576,
  max_write_size: 1048576,
  preferred_transfer_size: 1048576,
  delegations_enabled: true,
  max_delegations: 10000,
  dir_deleg_batch_window_ms: 50,
  v4_min_minor_version: 0,
  v4_max_minor_version: 2,
  v4_max_connections_per_session: 16,
  blocked_operations: [],
  portmapper_enabled: false,
  portmapper_port: 10111,
  portmapper_register_with_system: false,
  udp_enabled: false,
  mdns_enabled: false,
  version: 1,
};

const checked = (inputs: Record<string, unknown>) => {
  const c = checkInputs(adapterSettings, inputs);
  expect(c.failures).to.deep.equal([]);
  return c.inputs as any;
};

const adapterAnswer = (enabled: boolean) => ({
  type: "nfs",
  port: 12049,
  enabled,
  updated_at: "2026-01-01T00:00:00Z",
});
const HEALTHY = () => ({ status: "healthy", checked_at: new Date().toISOString() });

/** A server with NFS settings `settings` and an adapter enabled or not. */
function server(settings: Record<string, unknown>, enabled = true) {
  return fakeApi((c: Call) => {
    if (c.path.endsWith("/settings") && c.method === "GET") return { body: settings };
    if (c.method === "PATCH") Object.assign(settings, c.body);
    if (c.path === "/api/v1/adapters/nfs") return { body: adapterAnswer(enabled) };
    if (c.path === "/api/v1/adapters/nfs/status") return { body: HEALTHY() };
    return {};
  });
}

describe("AdapterSettings kind", () => {
  it("fills every setting of the type's block with the server's default", () => {
    const inputs = checked({ type: "nfs", nfs: { portmapperEnabled: true } });
    expect(inputs.nfs).to.include({
      portmapperEnabled: true,
      portmapperPort: 10111,
      leaseTime: 90,
      minVersion: "3",
      maxVersion: "4.1",
      udpEnabled: false,
    });
    expect(inputs.nfs.blockedOperations).to.deep.equal([]);
    expect(checked({ type: "smb", smb: {} }).smb).to.include({
      signing: "inherit",
      minDialect: "SMB2.0",
      sessionTimeout: 900,
    });
  });

  it("a read of a new server's settings equals the checked `{}` block (no diff after import)", async () => {
    const read = await adapterSettings.read(server({ ...NFS_DEFAULTS }), "nfs", {});
    const wanted = checked({ type: "nfs", nfs: {} });
    expect(diffInputs(adapterSettings, read!.inputs as any, wanted).changes).to.deep.equal({});
  });

  it("updates a block in place; a type change replaces (another adapter: no delete first)", () => {
    const olds = checked({ type: "nfs", nfs: {} });
    const news = checked({ type: "nfs", nfs: { leaseTime: 120 } });
    expect(diffInputs(adapterSettings, olds, news)).to.deep.equal({
      changes: { nfs: "update" },
      replaces: [],
      deleteBeforeReplace: false,
    });
    const smb = checked({ type: "smb", smb: {} });
    const d = diffInputs(adapterSettings, olds, smb);
    expect(d.replaces).to.deep.equal(["type"]);
    expect(d.deleteBeforeReplace).to.equal(false);
  });

  it("ids are the type and round-trip; a malformed import id names the expected shape", () => {
    expect(adapterSettings.keyOf(adapterSettings.id({ type: "nfs" }))).to.deep.equal({
      type: "nfs",
    });
    expect(() => adapterSettings.keyOf("nfs/settings")).to.throw(
      /an AdapterSettings id is the adapter type, one of nfs, smb; got "nfs\/settings"/,
    );
  });

  it("create sends only the differing settings, in the server's names", async () => {
    const api = server({ ...NFS_DEFAULTS });
    await adapterSettings.create(
      api,
      checked({ type: "nfs", nfs: { leaseTime: 120, mdnsEnabled: true } }),
    );
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal([
      "GET /api/v1/adapters/nfs/settings",
      "PATCH /api/v1/adapters/nfs/settings",
    ]);
    expect(api.calls[1].body).to.deep.equal({ lease_time: 120, mdns_enabled: true });
  });

  it("sends nothing when the server has the settings already", async () => {
    const api = server({ ...NFS_DEFAULTS, lease_time: 120 });
    await adapterSettings.update(
      api,
      "nfs",
      {} as any,
      checked({ type: "nfs", nfs: { leaseTime: 120 } }),
    );
    expect(api.calls.map((c) => c.method)).to.deep.equal(["GET"]);
  });

  it("restarts the running NFS adapter when a setting it reads at start changes", async () => {
    const api = server({ ...NFS_DEFAULTS });
    await adapterSettings.create(api, checked({ type: "nfs", nfs: { portmapperEnabled: true } }));
    expect(api.calls.slice(1)).to.deep.equal([
      {
        method: "PATCH",
        path: "/api/v1/adapters/nfs/settings",
        body: { portmapper_enabled: true },
      },
      { method: "GET", path: "/api/v1/adapters/nfs" },
      { method: "PUT", path: "/api/v1/adapters/nfs", body: { enabled: false } },
      { method: "PUT", path: "/api/v1/adapters/nfs", body: { enabled: true } },
      { method: "GET", path: "/api/v1/adapters/nfs/status" },
    ]);
  });

  it("leaves a stopped adapter stopped (it reads the settings when enabled)", async () => {
    const api = server({ ...NFS_DEFAULTS }, false);
    await adapterSettings.create(api, checked({ type: "nfs", nfs: { udpEnabled: true } }));
    expect(api.calls.filter((c) => c.method === "PUT")).to.deep.equal([]);
  });

  it("maps SMB signing `inherit` to the server's empty value and back", async () => {
    const settings: Record<string, unknown> = { signing: "required", min_dialect: "SMB2.0" };
    const api = fakeApi((c) => {
      if (c.method === "PATCH") Object.assign(settings, c.body);
      return { body: settings };
    });
    await adapterSettings.create(api, checked({ type: "smb", smb: {} }));
    expect(api.calls[1].body).to.include({ signing: "" });
    const read = await adapterSettings.read(api, "smb", {});
    expect((read!.inputs as any).smb.signing).to.equal("inherit");
  });

  it("names the missing adapter when the server has none of the type", async () => {
    const api = fakeApi(() => ({ status: 404 }));
    let message = "";
    await adapterSettings
      .create(api, checked({ type: "smb", smb: {} }))
      .catch((e: Error) => (message = e.message));
    expect(message).to.match(
      /the server has no smb adapter.*create it with an Adapter of type smb/,
    );
    expect(await adapterSettings.read(api, "smb", {})).to.equal(undefined);
  });

  it("delete resets every setting to the server's default, and restarts the adapter when the portmapper was on", async () => {
    const settings = { ...NFS_DEFAULTS, portmapper_enabled: true };
    const api = fakeApi((c) => {
      if (c.path.endsWith("/reset")) Object.assign(settings, NFS_DEFAULTS);
      if (c.path === "/api/v1/adapters/nfs") return { body: adapterAnswer(true) };
      if (c.path === "/api/v1/adapters/nfs/status") return { body: HEALTHY() };
      return { body: settings };
    });
    await adapterSettings.delete(
      api,
      "nfs",
      checked({ type: "nfs", nfs: { portmapperEnabled: true } }),
    );
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal([
      "GET /api/v1/adapters/nfs/settings",
      "POST /api/v1/adapters/nfs/settings/reset",
      "GET /api/v1/adapters/nfs/settings",
      "GET /api/v1/adapters/nfs",
      "PUT /api/v1/adapters/nfs",
      "PUT /api/v1/adapters/nfs",
      "GET /api/v1/adapters/nfs/status",
    ]);
  });

  it("delete of the settings of a deleted adapter is done", async () => {
    const api = fakeApi(() => ({ status: 404 }));
    await adapterSettings.delete(api, "smb", { type: "smb", smb: {} });
    expect(api.calls.map((c) => c.method)).to.deep.equal(["GET"]);
  });
});
