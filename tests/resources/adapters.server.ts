/**
 * Adapter, AdapterSettings and Netgroup on a real v0.29 server, through the plugin's gRPC methods as the engine calls
 * them: create, read back, update, replace decisions, delete (twice), import, refresh after an out-of-band change and
 * its repair, adoption, the bad input only the server can refuse, and what the pod actually listens on. One server
 * for the whole suite (boots are slow).
 */
import { expect } from "chai";
import { ADAPTER_BAD_INPUTS } from "./bad-inputs/adapter";
import { ADAPTER_SETTINGS_BAD_INPUTS } from "./bad-inputs/adapter-settings";
import { liveServerUnavailable, LiveServer } from "./live-server";
import { PluginClient, secret, type Props, failureRecorder } from "./plugin-client";
import { describeSockets, isListening, listeningSockets } from "../server/probes";

const ADAPTER = "dittofs:index:Adapter";
const SETTINGS = "dittofs:index:AdapterSettings";
const NETGROUP = "dittofs:index:Netgroup";

describe("Adapter, AdapterSettings and Netgroup on a real v0.29 server, through the plugin's gRPC methods", function () {
  this.timeout(120000);
  let server: LiveServer;
  let plugin: PluginClient;
  const { errors, failureOf } = failureRecorder();
  const make = (type: string, news: Props) => plugin.make(type, news);
  const checked = (type: string, news: Props) => plugin.checked(type, news);

  /** Waits until the pod listens (or stops listening) on each `PROTOCOL/port` (adapters start in the background). */
  async function listening(targets: string[], wanted: boolean): Promise<void> {
    const deadline = Date.now() + 20000;
    for (;;) {
      const sockets = listeningSockets(server.run.pid);
      const wrong = targets.filter((t) => {
        const [protocol, port] = t.split("/");
        return isListening(sockets, protocol, Number(port)) !== wanted;
      });
      if (wrong.length === 0) return;
      if (Date.now() > deadline)
        expect.fail(
          `${wrong.join(", ")} ${wanted ? "not listening" : "still listening"} (listening: ${describeSockets(sockets)})`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  before(async function () {
    this.timeout(300000);
    const why = liveServerUnavailable();
    if (why) {
      console.log(`    skipped: ${why}`);
      this.skip();
    }
    server = await LiveServer.start("res-adapters");
    plugin = await PluginClient.start();
    await plugin.configure({ endpoint: server.endpoint, password: secret(server.adminPassword) });
  });
  after(async () => {
    await plugin?.stop();
    await server?.dispose();
  });

  it("Adapter: takes over the server's own NFS adapter, moves its port, shows and repairs drift, imports, restores it on delete", async () => {
    await listening(["TCP/12049", "TCP/1445"], true);
    const nfs = await make(ADAPTER, { type: "nfs", port: 12050 });
    expect(nfs.id).to.equal("nfs");
    expect(nfs.outputs.running).to.equal(true);
    const onServer = (await server.rest("GET", "/api/v1/adapters/nfs")).body;
    expect(onServer).to.include({ type: "nfs", port: 12050, enabled: true });
    await listening(["TCP/12050"], true);
    await listening(["TCP/12049"], false);

    // Read back: what the server has, equal to the inputs.
    const read = await plugin.read(ADAPTER, "nfs", nfs.outputs, nfs.inputs);
    expect(read.inputs).to.deep.include({ type: "nfs", port: 12050, enabled: true });
    expect((await plugin.diff(ADAPTER, "nfs", read.inputs, nfs.inputs)).changes).to.equal("none");

    // Update in place.
    const moved = await checked(ADAPTER, { type: "nfs", port: 12051 });
    const d = await plugin.diff(ADAPTER, "nfs", nfs.inputs, moved);
    expect(d.changes).to.equal("some");
    expect(d.replaces).to.deep.equal([]);
    expect(Object.keys(d.detailed)).to.deep.equal(["port"]);
    const updated = await plugin.update(ADAPTER, "nfs", nfs.outputs, moved);
    expect((await server.rest("GET", "/api/v1/adapters/nfs")).body.port).to.equal(12051);
    await listening(["TCP/12051"], true);

    // Import: only the id; the user's inputs then show no change.
    const imported = await plugin.read(ADAPTER, "nfs");
    expect(imported.inputs).to.deep.include({ type: "nfs", port: 12051, enabled: true });
    expect((await plugin.diff(ADAPTER, "nfs", imported.inputs, moved)).changes).to.equal("none");

    // Drift made with the REST API: a refresh shows it, the next update repairs it.
    await server.rest("PUT", "/api/v1/adapters/nfs", { port: 12052, enabled: false });
    const drifted = await plugin.read(ADAPTER, "nfs", updated, moved);
    expect(drifted.inputs).to.deep.include({ port: 12052, enabled: false });
    const repair = await plugin.diff(ADAPTER, "nfs", drifted.inputs, moved);
    expect(Object.keys(repair.detailed).sort()).to.deep.equal(["enabled", "port"]);
    await plugin.update(ADAPTER, "nfs", drifted.outputs, moved);
    expect((await server.rest("GET", "/api/v1/adapters/nfs")).body).to.include({
      port: 12051,
      enabled: true,
    });
    await listening(["TCP/12051"], true);

    // Another type is another adapter: replaced, without deleting first.
    const smb = await checked(ADAPTER, { type: "smb", port: 12051 });
    const replace = await plugin.diff(ADAPTER, "nfs", moved, smb);
    expect(replace.replaces).to.deep.equal(["type"]);
    expect(replace.deleteBeforeReplace).to.equal(false);

    // Delete: the server's start state again (it would recreate a deleted adapter at its next start).
    await plugin.delete(ADAPTER, "nfs", updated);
    expect((await server.rest("GET", "/api/v1/adapters/nfs")).body).to.include({
      port: 12049,
      enabled: true,
    });
    await listening(["TCP/12049"], true);
    await listening(["TCP/12051"], false);
    await plugin.delete(ADAPTER, "nfs", updated);
  });

  it("Adapter: a port the pod already listens on fails naming the port (the server only logs it); the next update repairs it", async () => {
    const c = ADAPTER_BAD_INPUTS.find((b) => b.serverOnly)!;
    const inputs = await checked(c.type, c.inputs);
    const message = await failureOf(plugin.create(c.type, inputs));
    expect(message).to.match(c.reason);
    const fixed = await checked(ADAPTER, { type: "nfs", port: 12049 });
    await plugin.update(ADAPTER, "nfs", inputs, fixed);
    expect((await server.rest("GET", "/api/v1/adapters/nfs")).body.port).to.equal(12049);
    await listening(["TCP/12049"], true);
  });

  it("AdapterSettings of a deleted adapter fail with a message naming Adapter; Adapter then recreates it, disables and restores it", async () => {
    expect((await server.rest("DELETE", "/api/v1/adapters/smb")).status).to.equal(204);
    await listening(["TCP/1445"], false);
    const c = ADAPTER_SETTINGS_BAD_INPUTS.find((b) => b.serverOnly)!;
    const message = await failureOf(plugin.create(c.type, await checked(c.type, c.inputs)));
    expect(message).to.match(c.reason);

    const smb = await make(ADAPTER, { type: "smb", port: 1446 });
    expect((await server.rest("GET", "/api/v1/adapters/smb")).body).to.include({
      port: 1446,
      enabled: true,
      running: true,
    });
    expect(smb.outputs.running).to.equal(true);
    await listening(["TCP/1446"], true);
    // A refresh of inputs without a port does not show the server's port as a change.
    const portless = await checked(ADAPTER, { type: "smb", enabled: false });
    const stopped = await plugin.update(ADAPTER, "smb", smb.outputs, portless);
    expect(stopped.running).to.equal(false);
    await listening(["TCP/1446"], false);
    const read = await plugin.read(ADAPTER, "smb", stopped, portless);
    expect(read.inputs).to.not.have.property("port");
    expect((await plugin.diff(ADAPTER, "smb", read.inputs, portless)).changes).to.equal("none");
    await plugin.delete(ADAPTER, "smb", smb.inputs);
    expect((await server.rest("GET", "/api/v1/adapters/smb")).body).to.include({
      port: 1445,
      enabled: true,
    });
    await listening(["TCP/1445"], true);
  });

  it("AdapterSettings: enabling the NFS portmapper makes it listen (TCP and UDP) without a server restart; drift, import, reset on delete", async () => {
    await listening(["TCP/10111", "UDP/10111"], false);
    const s = await make(SETTINGS, {
      type: "nfs",
      nfs: { portmapperEnabled: true, leaseTime: 120 },
    });
    expect(s.id).to.equal("nfs");
    const onServer = (await server.rest("GET", "/api/v1/adapters/nfs/settings")).body;
    expect(onServer).to.include({
      portmapper_enabled: true,
      portmapper_port: 10111,
      lease_time: 120,
    });
    await listening(["TCP/10111", "UDP/10111", "TCP/12049"], true);

    const read = await plugin.read(SETTINGS, "nfs", s.outputs, s.inputs);
    expect((read.inputs.nfs as Props).leaseTime).to.equal(120);
    expect((await plugin.diff(SETTINGS, "nfs", read.inputs, s.inputs)).changes).to.equal("none");
    const imported = await plugin.read(SETTINGS, "nfs");
    expect((await plugin.diff(SETTINGS, "nfs", imported.inputs, s.inputs)).changes).to.equal(
      "none",
    );

    // Update in place: a live setting, the portmapper keeps running.
    const longer = await checked(SETTINGS, {
      type: "nfs",
      nfs: { portmapperEnabled: true, leaseTime: 150, blockedOperations: ["MKNOD"] },
    });
    const d = await plugin.diff(SETTINGS, "nfs", s.inputs, longer);
    expect(d.replaces).to.deep.equal([]);
    expect(Object.keys(d.detailed)).to.deep.equal(["nfs"]);
    const updated = await plugin.update(SETTINGS, "nfs", s.outputs, longer);
    expect((await server.rest("GET", "/api/v1/adapters/nfs/settings")).body).to.deep.include({
      lease_time: 150,
      blocked_operations: ["MKNOD"],
    });

    // Drift: a setting the inputs leave at its default, changed with the REST API.
    await server.rest("PATCH", "/api/v1/adapters/nfs/settings", { max_clients: 5 });
    const drifted = await plugin.read(SETTINGS, "nfs", updated, longer);
    expect((drifted.inputs.nfs as Props).maxClients).to.equal(5);
    expect(
      Object.keys((await plugin.diff(SETTINGS, "nfs", drifted.inputs, longer)).detailed),
    ).to.deep.equal(["nfs"]);
    await plugin.update(SETTINGS, "nfs", drifted.outputs, longer);
    expect((await server.rest("GET", "/api/v1/adapters/nfs/settings")).body.max_clients).to.equal(
      10000,
    );

    const smb = await checked(SETTINGS, { type: "smb", smb: {} });
    const replace = await plugin.diff(SETTINGS, "nfs", longer, smb);
    expect(replace.replaces).to.deep.equal(["type"]);
    expect(replace.deleteBeforeReplace).to.equal(false);

    // Delete: every setting back to the server's default, the portmapper stopped.
    await plugin.delete(SETTINGS, "nfs", updated);
    expect((await server.rest("GET", "/api/v1/adapters/nfs/settings")).body).to.deep.include({
      portmapper_enabled: false,
      lease_time: 90,
      blocked_operations: [],
    });
    await listening(["TCP/10111", "UDP/10111"], false);
    await listening(["TCP/12049"], true);
    await plugin.delete(SETTINGS, "nfs", updated);
  });

  it("AdapterSettings: SMB settings round-trip (signing inherit is the server's empty value)", async () => {
    const s = await make(SETTINGS, {
      type: "smb",
      smb: { signing: "required", minDialect: "SMB2.1", wsDiscoveryEnabled: false },
    });
    expect((await server.rest("GET", "/api/v1/adapters/smb/settings")).body).to.include({
      signing: "required",
      min_dialect: "SMB2.1",
    });
    const inherit = await checked(SETTINGS, { type: "smb", smb: { minDialect: "SMB2.1" } });
    await plugin.update(SETTINGS, "smb", s.outputs, inherit);
    expect((await server.rest("GET", "/api/v1/adapters/smb/settings")).body.signing).to.equal("");
    const read = await plugin.read(SETTINGS, "smb", s.outputs, inherit);
    expect((read.inputs.smb as Props).signing).to.equal("inherit");
    expect((await plugin.diff(SETTINGS, "smb", read.inputs, inherit)).changes).to.equal("none");
    await plugin.delete(SETTINGS, "smb", inherit);
    expect((await server.rest("GET", "/api/v1/adapters/smb/settings")).body.min_dialect).to.equal(
      "SMB2.0",
    );
  });

  it("Netgroup: create, read back, update members, import, drift and repair, replace decision, delete twice", async () => {
    const g = await make(NETGROUP, {
      name: "lab",
      members: [
        { type: "cidr", value: "10.0.0.0/24" },
        { type: "hostname", value: "*.lab.example.com" },
      ],
    });
    expect(g.id).to.equal("lab");
    const onServer = (await server.rest("GET", "/api/v1/adapters/nfs/netgroups/lab")).body;
    expect(onServer.members.map((m: Props) => `${m.type}:${m.value}`).sort()).to.deep.equal([
      "cidr:10.0.0.0/24",
      "hostname:*.lab.example.com",
    ]);
    const read = await plugin.read(NETGROUP, "lab", g.outputs, g.inputs);
    expect((await plugin.diff(NETGROUP, "lab", read.inputs, g.inputs)).changes).to.equal("none");

    const changed = await checked(NETGROUP, {
      name: "lab",
      members: [
        { type: "hostname", value: "*.lab.example.com" },
        { type: "ip", value: "fd00::5" },
      ],
    });
    const d = await plugin.diff(NETGROUP, "lab", g.inputs, changed);
    expect(d.replaces).to.deep.equal([]);
    const updated = await plugin.update(NETGROUP, "lab", g.outputs, changed);
    const members = (await server.rest("GET", "/api/v1/adapters/nfs/netgroups/lab")).body.members;
    expect(members.map((m: Props) => `${m.type}:${m.value}`).sort()).to.deep.equal([
      "hostname:*.lab.example.com",
      "ip:fd00::5",
    ]);

    const imported = await plugin.read(NETGROUP, "lab");
    expect((await plugin.diff(NETGROUP, "lab", imported.inputs, changed)).changes).to.equal("none");

    await server.rest("POST", "/api/v1/adapters/nfs/netgroups/lab/members", {
      type: "ip",
      value: "10.9.9.9",
    });
    const drifted = await plugin.read(NETGROUP, "lab", updated, changed);
    expect(drifted.inputs.members).to.deep.equal([
      { type: "hostname", value: "*.lab.example.com" },
      { type: "ip", value: "fd00::5" },
      { type: "ip", value: "10.9.9.9" },
    ]);
    expect(
      Object.keys((await plugin.diff(NETGROUP, "lab", drifted.inputs, changed)).detailed),
    ).to.deep.equal(["members"]);
    await plugin.update(NETGROUP, "lab", drifted.outputs, changed);
    const repaired = await plugin.read(NETGROUP, "lab", updated, changed);
    expect(repaired.inputs.members).to.deep.equal(changed.members);

    const renamed = await checked(NETGROUP, { ...changed, name: "lab2" });
    const replace = await plugin.diff(NETGROUP, "lab", changed, renamed);
    expect(replace.replaces).to.deep.equal(["name"]);
    expect(replace.deleteBeforeReplace).to.equal(false);

    await plugin.delete(NETGROUP, "lab", updated);
    expect((await server.rest("GET", "/api/v1/adapters/nfs/netgroups/lab")).status).to.equal(404);
    await plugin.delete(NETGROUP, "lab", updated);
  });

  it("Netgroup: a 409 without adopt names adopt and pulumi import; adopt takes over an identical one and refuses a different one", async () => {
    await server.rest("POST", "/api/v1/adapters/nfs/netgroups", { name: "taken" });
    await server.rest("POST", "/api/v1/adapters/nfs/netgroups/taken/members", {
      type: "ip",
      value: "10.0.0.7",
    });
    const wanted = { name: "taken", members: [{ type: "ip", value: "10.0.0.7" }] };
    const refused = await failureOf(plugin.create(NETGROUP, await checked(NETGROUP, wanted)));
    expect(refused).to.match(/HTTP 409/);
    expect(refused).to.match(/adopt: true/);
    expect(refused).to.match(/pulumi import dittofs:index:Netgroup <name> "taken"/);

    const different = await failureOf(
      plugin.create(NETGROUP, await checked(NETGROUP, { ...wanted, members: [], adopt: true })),
    );
    expect(different).to.match(/differs in members: adopt takes over identical objects only/);

    const adopted = await plugin.create(
      NETGROUP,
      await checked(NETGROUP, { ...wanted, adopt: true }),
    );
    expect(adopted.id).to.equal("taken");
    const members = (await server.rest("GET", "/api/v1/adapters/nfs/netgroups/taken")).body.members;
    expect(members).to.have.length(1);
    await plugin.delete(NETGROUP, "taken", adopted.outputs);
  });

  it("a server stopped mid-way: the call fails naming the endpoint; after the restart a rerun converges, the settings hold, and the server has recreated an adapter deleted out of band", async function () {
    this.timeout(300000);
    const settings = await make(SETTINGS, { type: "nfs", nfs: { portmapperEnabled: true } });
    await listening(["TCP/10111", "UDP/10111"], true);
    expect((await server.rest("DELETE", "/api/v1/adapters/smb")).status).to.equal(204);

    await server.stop();
    const group = await checked(NETGROUP, {
      name: "after-restart",
      members: [{ type: "ip", value: "10.0.0.8" }],
    });
    const message = await failureOf(plugin.create(NETGROUP, group));
    expect(message).to.match(/POST \/api\/v1\/.*cannot reach http:\/\//);

    await server.restart();
    // The pod comes back with a new address: as a stack's provider would get the DittoServer's new apiUrl.
    await plugin.configure({ endpoint: server.endpoint, password: secret(server.adminPassword) });
    const created = await plugin.create(NETGROUP, group);
    expect(created.id).to.equal("after-restart");
    const onServer = (await server.rest("GET", "/api/v1/adapters/nfs/netgroups/after-restart"))
      .body;
    expect(onServer.members.map((m: Props) => m.value)).to.deep.equal(["10.0.0.8"]);
    // What a destroy of an Adapter relies on: the server makes a missing adapter again at start.
    expect((await server.rest("GET", "/api/v1/adapters/smb")).body).to.include({
      port: 1445,
      enabled: true,
    });
    await listening(["TCP/1445", "TCP/10111", "UDP/10111"], true);
    const read = await plugin.read(SETTINGS, "nfs", settings.outputs, settings.inputs);
    expect((await plugin.diff(SETTINGS, "nfs", read.inputs, settings.inputs)).changes).to.equal(
      "none",
    );

    await plugin.delete(NETGROUP, "after-restart", created.outputs);
    await plugin.delete(SETTINGS, "nfs", settings.outputs);
    await listening(["TCP/10111", "UDP/10111"], false);
  });

  it("never shows the provider's password in an error or the plugin's stderr", () => {
    expect(errors.length).to.be.greaterThan(0);
    const password = server.adminPassword;
    for (const text of [...errors, plugin.stderr.join("")])
      expect(text.includes(password), "the admin password leaked").to.equal(false);
  });
});
