/**
 * User, Group, GroupMembership and IdentityMapping on a real v0.29 server, through the plugin's gRPC methods as the engine calls
 * them: create, read back, update, replace, delete, import, refresh after an out-of-band change, adoption, and the
 * bad inputs only the server can refuse. One server for the whole suite (boots are slow).
 */
import { expect } from "chai";
import { GROUP_BAD_INPUTS } from "./bad-inputs/group";
import { GROUP_MEMBERSHIP_BAD_INPUTS } from "./bad-inputs/group-membership";
import { IDENTITY_MAPPING_BAD_INPUTS } from "./bad-inputs/identity-mapping";
import type { BadInput } from "./bad-inputs/types";
import { USER_BAD_INPUTS } from "./bad-inputs/user";
import { liveServerUnavailable, LiveServer } from "./live-server";
import { PluginClient, secret, type Props, failureRecorder } from "./plugin-client";

const USER = "dittofs:index:User";
const GROUP = "dittofs:index:Group";
const MEMBER = "dittofs:index:GroupMembership";
const MAPPING = "dittofs:index:IdentityMapping";

/** Every password this suite gives the plugin: none may show in an error or the plugin's stderr. */
const PASSWORDS = [
  "pw-alice-Xq81",
  "pw-alice-Zr27",
  "pw-bob-Kp55",
  "pw-carol-Wm90",
  "pw-dave-Hy64",
  "pw-erin-Tv37",
];

describe("User, Group, GroupMembership and IdentityMapping on a real v0.29 server, through the plugin's gRPC methods", function () {
  this.timeout(60000);
  let server: LiveServer;
  let plugin: PluginClient;
  const { errors, failureOf } = failureRecorder();
  const make = (type: string, news: Props) => plugin.make(type, news);

  async function refusedByServer(c: BadInput): Promise<void> {
    const checked = await plugin.check(c.type, c.inputs);
    expect(checked.failures, c.title).to.deep.equal([]);
    const message = await failureOf(plugin.create(c.type, checked.inputs));
    expect(message, c.title).to.match(c.reason);
    expect(message, c.title).to.include(c.property);
  }

  const serverOnly = (cases: BadInput[]) => cases.filter((c) => c.serverOnly);

  const login = async (username: string, password: string) =>
    (await server.run.request("POST", "/api/v1/auth/login", { body: { username, password } }))
      .status;

  before(async function () {
    const why = liveServerUnavailable();
    if (why) {
      console.log(`    skipped: ${why}`);
      this.skip();
    }
    server = await LiveServer.start("res-identity");
    plugin = await PluginClient.start();
    await plugin.configure({ endpoint: server.endpoint, password: secret(server.adminPassword) });
  });
  after(async () => {
    await plugin?.stop();
    await server?.dispose();
  });

  describe("User", () => {
    it("creates, reads back, updates, resets the password, deletes (twice)", async () => {
      const alice = await make(USER, {
        username: "alice",
        password: secret(PASSWORDS[0]),
        email: "a@example.com",
        uid: 4242,
      });
      expect(alice.id).to.equal("alice");
      const onServer = (await server.rest("GET", "/api/v1/users/alice")).body;
      const read = await plugin.read(USER, "alice", alice.outputs, alice.inputs);
      expect(read.inputs).to.deep.include({
        username: onServer.username,
        email: onServer.email,
        uid: onServer.uid,
        role: onServer.role,
        enabled: onServer.enabled,
      });
      expect(read.outputs.userId).to.equal(onServer.id);
      expect(await login("alice", PASSWORDS[0])).to.equal(200);

      const news = (
        await plugin.check(USER, {
          username: "alice",
          password: secret(PASSWORDS[1]),
          email: "b@example.com",
          uid: 4242,
        })
      ).inputs;
      const d = await plugin.diff(USER, "alice", alice.inputs, news);
      expect(Object.keys(d.detailed).sort()).to.deep.equal(["email", "password"]);
      expect(d.replaces).to.deep.equal([]);
      await plugin.update(USER, "alice", alice.outputs, news);
      expect((await server.rest("GET", "/api/v1/users/alice")).body.email).to.equal(
        "b@example.com",
      );
      expect(await login("alice", PASSWORDS[1])).to.equal(200);
      expect(await login("alice", PASSWORDS[0])).to.equal(401);
      // alice stays for the memberships below; a throwaway user shows the deletes.
      const temp = await make(USER, { username: "temp-user", password: secret(PASSWORDS[2]) });
      await plugin.delete(USER, temp.id, temp.outputs);
      expect((await server.rest("GET", "/api/v1/users/temp-user")).status).to.equal(404);
      await plugin.delete(USER, temp.id, temp.outputs);
    });

    it("replaces on a new username: the new user first, then the old one deleted", async () => {
      const bob = await make(USER, { username: "bob-old", password: secret(PASSWORDS[2]) });
      const news = (await plugin.check(USER, { username: "bob", password: secret(PASSWORDS[2]) }))
        .inputs;
      const d = await plugin.diff(USER, bob.id, bob.inputs, news);
      expect(d.replaces).to.deep.equal(["username"]);
      expect(d.deleteBeforeReplace).to.equal(false);
      const created = await plugin.create(USER, news);
      await plugin.delete(USER, bob.id, bob.outputs);
      expect(created.id).to.equal("bob");
      expect((await server.rest("GET", "/api/v1/users/bob")).status).to.equal(200);
      expect((await server.rest("GET", "/api/v1/users/bob-old")).status).to.equal(404);
    });

    it("imports by username: a diff against the program shows only the password", async () => {
      const imported = await plugin.read(USER, "alice");
      expect(imported.id).to.equal("alice");
      expect(imported.inputs).to.deep.include({
        username: "alice",
        email: "b@example.com",
        uid: 4242,
      });
      const program = (
        await plugin.check(USER, {
          username: "alice",
          password: secret(PASSWORDS[1]),
          email: "b@example.com",
          uid: 4242,
        })
      ).inputs;
      const d = await plugin.diff(USER, "alice", imported.inputs, program);
      expect(Object.keys(d.detailed)).to.deep.equal(["password"]);
    });

    it("shows an out-of-band change on refresh, and an update repairs it", async () => {
      const state = (
        await plugin.check(USER, {
          username: "alice",
          password: secret(PASSWORDS[1]),
          email: "b@example.com",
          uid: 4242,
        })
      ).inputs;
      expect(
        (
          await server.rest("PUT", "/api/v1/users/alice", {
            email: "oob@example.com",
            role: "operator",
          })
        ).status,
      ).to.equal(200);
      const refreshed = await plugin.read(USER, "alice", state, state);
      expect(refreshed.inputs).to.deep.include({ email: "oob@example.com", role: "operator" });
      const d = await plugin.diff(USER, "alice", refreshed.inputs, state);
      expect(Object.keys(d.detailed).sort()).to.deep.equal(["email", "role"]);
      await plugin.update(USER, "alice", refreshed.outputs, state);
      const after = (await server.rest("GET", "/api/v1/users/alice")).body;
      expect([after.email, after.role]).to.deep.equal(["b@example.com", "user"]);
    });

    it("adopts an identical user only with adopt: true, and then writes its password", async () => {
      expect(
        (
          await server.rest("POST", "/api/v1/users", {
            username: "carol",
            password: "made-by-hand-1",
            email: "c@example.com",
          })
        ).status,
      ).to.equal(201);
      const wanted = { username: "carol", password: secret(PASSWORDS[3]), email: "c@example.com" };
      const refused = await failureOf(make(USER, wanted));
      expect(refused).to.match(
        /HTTP 409.*Set adopt: true.*pulumi import dittofs:index:User <name> "carol"/,
      );
      const differs = await failureOf(
        make(USER, { ...wanted, email: "other@example.com", adopt: true }),
      );
      expect(differs).to.match(/differs in email: adopt takes over identical objects only/);
      const adopted = await make(USER, { ...wanted, adopt: true });
      expect(adopted.id).to.equal("carol");
      expect(await login("carol", PASSWORDS[3])).to.equal(200);
    });

    it("refuses what only the server can know", async () => {
      for (const c of serverOnly(USER_BAD_INPUTS)) await refusedByServer(c);
      expect((await server.rest("GET", "/api/v1/users/dup-uid")).status).to.equal(404);
    });
  });

  describe("Group", () => {
    it("creates, reads back, updates in place, deletes (twice)", async () => {
      const devs = await make(GROUP, { name: "devs", gid: 5000, description: "Developers" });
      expect(devs.id).to.equal("devs");
      const onServer = (await server.rest("GET", "/api/v1/groups/devs")).body;
      expect([onServer.gid, onServer.description]).to.deep.equal([5000, "Developers"]);
      const read = await plugin.read(GROUP, "devs", devs.outputs, devs.inputs);
      expect(read.inputs).to.deep.include({ name: "devs", gid: 5000, description: "Developers" });
      expect(read.outputs.groupId).to.equal(onServer.id);

      const news = (await plugin.check(GROUP, { name: "devs", gid: 5001 })).inputs;
      const d = await plugin.diff(GROUP, "devs", devs.inputs, news);
      expect(d.replaces).to.deep.equal([]);
      expect(Object.keys(d.detailed).sort()).to.deep.equal(["description", "gid"]);
      const updated = await plugin.update(GROUP, "devs", devs.outputs, news);
      expect(updated.groupId).to.equal(onServer.id);
      const after = (await server.rest("GET", "/api/v1/groups/devs")).body;
      expect([after.gid, after.description]).to.deep.equal([5001, undefined]);

      const temp = await make(GROUP, { name: "temp-group" });
      await plugin.delete(GROUP, temp.id, temp.outputs);
      expect((await server.rest("GET", "/api/v1/groups/temp-group")).status).to.equal(404);
      await plugin.delete(GROUP, temp.id, temp.outputs);
    });

    it("replaces on a new name: the new group first, then the old one deleted", async () => {
      const old = await make(GROUP, { name: "qa-old", description: "QA" });
      const news = (await plugin.check(GROUP, { name: "qa", description: "QA" })).inputs;
      const d = await plugin.diff(GROUP, old.id, old.inputs, news);
      expect([d.replaces, d.deleteBeforeReplace]).to.deep.equal([["name"], false]);
      await plugin.create(GROUP, news);
      await plugin.delete(GROUP, old.id, old.outputs);
      expect((await server.rest("GET", "/api/v1/groups/qa")).status).to.equal(200);
      expect((await server.rest("GET", "/api/v1/groups/qa-old")).status).to.equal(404);
    });

    it("imports by name (gid included), refreshes drift, and an update repairs it", async () => {
      const imported = await plugin.read(GROUP, "devs");
      expect(imported.inputs).to.deep.equal({ name: "devs", gid: 5001 });
      const program = (await plugin.check(GROUP, { name: "devs", gid: 5001 })).inputs;
      expect((await plugin.diff(GROUP, "devs", imported.inputs, program)).changes).to.equal("none");

      await server.rest("PUT", "/api/v1/groups/devs", { description: "changed by hand" });
      const refreshed = await plugin.read(GROUP, "devs", program, program);
      expect(refreshed.inputs.description).to.equal("changed by hand");
      const d = await plugin.diff(GROUP, "devs", refreshed.inputs, program);
      expect(Object.keys(d.detailed)).to.deep.equal(["description"]);
      await plugin.update(GROUP, "devs", refreshed.outputs, program);
      expect((await server.rest("GET", "/api/v1/groups/devs")).body.description).to.equal(
        undefined,
      );
    });

    it("adopts an identical group only with adopt: true", async () => {
      await server.rest("POST", "/api/v1/groups", {
        name: "ops",
        gid: 6000,
        description: "Operations",
      });
      const wanted = { name: "ops", gid: 6000, description: "Operations" };
      expect(await failureOf(make(GROUP, wanted))).to.match(
        /Set adopt: true.*pulumi import dittofs:index:Group/,
      );
      expect(await failureOf(make(GROUP, { ...wanted, gid: 6001, adopt: true }))).to.match(
        /differs in gid/,
      );
      expect((await make(GROUP, { ...wanted, adopt: true })).id).to.equal("ops");
    });

    it("refuses what only the server can know: a gid another group holds, at create and at update", async () => {
      for (const c of serverOnly(GROUP_BAD_INPUTS)) await refusedByServer(c);
      const ops = (await plugin.check(GROUP, { name: "ops", gid: 6000, description: "Operations" }))
        .inputs;
      const clash = (
        await plugin.check(GROUP, { name: "ops", gid: 5001, description: "Operations" })
      ).inputs;
      expect(await failureOf(plugin.update(GROUP, "ops", ops, clash))).to.match(
        /gid: 5001 is already the gid of group "devs"/,
      );
      expect((await server.rest("GET", "/api/v1/groups/ops")).body.gid).to.equal(6000);
    });
  });

  describe("GroupMembership", () => {
    it("adds, reads back, deletes (twice)", async () => {
      const m = await make(MEMBER, { group: "devs", username: "alice" });
      expect(m.id).to.equal("devs/alice");
      const members = (await server.rest("GET", "/api/v1/groups/devs/members")).body;
      expect(members.map((u: { username: string }) => u.username)).to.include("alice");
      const read = await plugin.read(MEMBER, m.id, m.outputs, m.inputs);
      expect(read.inputs).to.deep.include({ group: "devs", username: "alice" });

      const temp = await make(MEMBER, { group: "users", username: "bob" });
      await plugin.delete(MEMBER, temp.id, temp.outputs);
      const users = (await server.rest("GET", "/api/v1/groups/users/members")).body ?? [];
      expect(users.map((u: { username: string }) => u.username)).not.to.include("bob");
      await plugin.delete(MEMBER, temp.id, temp.outputs);
    });

    it("replaces on another user: the new membership first, then the old one removed", async () => {
      const old = await make(MEMBER, { group: "qa", username: "carol" });
      const news = (await plugin.check(MEMBER, { group: "qa", username: "bob" })).inputs;
      const d = await plugin.diff(MEMBER, old.id, old.inputs, news);
      expect([d.replaces, d.deleteBeforeReplace]).to.deep.equal([["username"], false]);
      expect((await plugin.create(MEMBER, news)).id).to.equal("qa/bob");
      await plugin.delete(MEMBER, old.id, old.outputs);
      const names = (await server.rest("GET", "/api/v1/groups/qa/members")).body.map(
        (u: { username: string }) => u.username,
      );
      expect(names).to.deep.equal(["bob"]);
    });

    it("imports by group/username, and a refresh after a removal by hand says gone", async () => {
      const imported = await plugin.read(MEMBER, "qa/bob");
      expect(imported.inputs).to.deep.equal({ group: "qa", username: "bob" });
      const program = (await plugin.check(MEMBER, { group: "qa", username: "bob" })).inputs;
      expect((await plugin.diff(MEMBER, "qa/bob", imported.inputs, program)).changes).to.equal(
        "none",
      );
      expect(await failureOf(plugin.read(MEMBER, "qa-bob"))).to.match(/`<group>\/<username>`/);

      expect((await server.rest("DELETE", "/api/v1/groups/qa/members/bob")).status).to.equal(204);
      expect((await plugin.read(MEMBER, "qa/bob", program, program)).id).to.equal("");
      // The engine then creates it again.
      await plugin.create(MEMBER, program);
      expect((await plugin.read(MEMBER, "qa/bob", program, program)).id).to.equal("qa/bob");
    });

    it("refuses a duplicate membership without adopt and takes it over with it; refuses missing users and groups", async () => {
      for (const c of serverOnly(GROUP_MEMBERSHIP_BAD_INPUTS)) await refusedByServer(c);
      expect((await make(MEMBER, { group: "devs", username: "alice", adopt: true })).id).to.equal(
        "devs/alice",
      );
    });

    it("goes with its user: deleting the user leaves nothing to read", async () => {
      const dave = await make(USER, { username: "dave", password: secret(PASSWORDS[4]) });
      const m = await make(MEMBER, { group: "devs", username: "dave" });
      await plugin.delete(USER, dave.id, dave.outputs);
      expect((await plugin.read(MEMBER, m.id, m.outputs, m.inputs)).id).to.equal("");
      await plugin.delete(MEMBER, m.id, m.outputs);
    });
  });

  describe("IdentityMapping", () => {
    const mappings = async (): Promise<string[]> =>
      ((await server.rest("GET", "/api/v1/identity-mappings")).body ?? []).map(
        (m: { provider_name: string; principal: string; username: string }) =>
          `${m.provider_name}/${m.principal}->${m.username}`,
      );

    it("maps, reads back, deletes (twice); a principal with a slash is one path segment", async () => {
      const m = await make(MAPPING, {
        principal: "nfs/host.example.com@EXAMPLE.COM",
        username: "bob",
      });
      expect(m.id).to.equal("kerberos/nfs/host.example.com@EXAMPLE.COM");
      expect(await mappings()).to.include("kerberos/nfs/host.example.com@EXAMPLE.COM->bob");
      const read = await plugin.read(MAPPING, m.id, m.outputs, m.inputs);
      expect(read.inputs).to.deep.include({
        provider: "kerberos",
        principal: "nfs/host.example.com@EXAMPLE.COM",
        username: "bob",
      });
      await plugin.delete(MAPPING, m.id, m.outputs);
      expect(await mappings()).not.to.include("kerberos/nfs/host.example.com@EXAMPLE.COM->bob");
      await plugin.delete(MAPPING, m.id, m.outputs);
    });

    it("replaces on another user: deleted first (same key), then made again", async () => {
      const old = await make(MAPPING, { principal: "alice@EXAMPLE.COM", username: "carol" });
      const news = (
        await plugin.check(MAPPING, { principal: "alice@EXAMPLE.COM", username: "alice" })
      ).inputs;
      const d = await plugin.diff(MAPPING, old.id, old.inputs, news);
      expect([d.replaces, d.deleteBeforeReplace]).to.deep.equal([["username"], true]);
      await plugin.delete(MAPPING, old.id, old.outputs);
      expect((await plugin.create(MAPPING, news)).id).to.equal("kerberos/alice@EXAMPLE.COM");
      expect(await mappings()).to.include("kerberos/alice@EXAMPLE.COM->alice");
    });

    it("imports by provider/principal, and a refresh shows a mapping changed by hand", async () => {
      const imported = await plugin.read(MAPPING, "kerberos/alice@EXAMPLE.COM");
      expect(imported.inputs).to.deep.equal({
        provider: "kerberos",
        principal: "alice@EXAMPLE.COM",
        username: "alice",
      });
      const program = (
        await plugin.check(MAPPING, { principal: "alice@EXAMPLE.COM", username: "alice" })
      ).inputs;
      expect((await plugin.diff(MAPPING, imported.id, imported.inputs, program)).changes).to.equal(
        "none",
      );

      await server.rest(
        "DELETE",
        "/api/v1/identity-mappings/by-provider/kerberos/alice%40EXAMPLE.COM",
      );
      await server.rest("POST", "/api/v1/identity-mappings", {
        principal: "alice@EXAMPLE.COM",
        username: "carol",
      });
      const refreshed = await plugin.read(MAPPING, imported.id, program, program);
      expect(refreshed.inputs.username).to.equal("carol");
      const d = await plugin.diff(MAPPING, imported.id, refreshed.inputs, program);
      expect([d.replaces, d.deleteBeforeReplace]).to.deep.equal([["username"], true]);
      // The engine repairs it by replacing: delete, then create.
      await plugin.delete(MAPPING, imported.id, refreshed.outputs);
      await plugin.create(MAPPING, program);
      expect(await mappings()).to.include("kerberos/alice@EXAMPLE.COM->alice");
    });

    it("adopts an identical mapping only with adopt: true; refuses a missing user and a principal mapped already", async () => {
      await server.rest("POST", "/api/v1/identity-mappings", {
        provider_name: "ldap",
        principal: "uid=dave,ou=people,dc=example,dc=com",
        username: "carol",
      });
      const wanted = {
        provider: "ldap",
        principal: "uid=dave,ou=people,dc=example,dc=com",
        username: "carol",
      };
      expect(await failureOf(make(MAPPING, wanted))).to.match(
        /Set adopt: true.*pulumi import dittofs:index:IdentityMapping/,
      );
      expect(
        await failureOf(make(MAPPING, { ...wanted, username: "alice", adopt: true })),
      ).to.match(/differs in username/);
      expect((await make(MAPPING, { ...wanted, adopt: true })).id).to.equal(
        `ldap/${wanted.principal}`,
      );
      for (const c of serverOnly(IDENTITY_MAPPING_BAD_INPUTS)) await refusedByServer(c);
      expect(await mappings()).not.to.include("kerberos/ghost@EXAMPLE.COM->ghost");
    });
  });

  describe("names the server takes in a URL path", () => {
    it("finds users and groups whose names hold @, + and .", async () => {
      const u = await make(USER, { username: "first.last+x@corp", password: secret(PASSWORDS[4]) });
      expect((await plugin.read(USER, u.id, u.outputs, u.inputs)).id).to.equal("first.last+x@corp");
      const g = await make(GROUP, { name: "dev+ops@corp" });
      expect((await plugin.read(GROUP, g.id, g.outputs, g.inputs)).id).to.equal("dev+ops@corp");
      const m = await make(MEMBER, { group: g.id, username: u.id });
      expect((await plugin.read(MEMBER, m.id, m.outputs, m.inputs)).id).to.equal(m.id);
      await plugin.delete(MEMBER, m.id, m.outputs);
      expect((await plugin.read(MEMBER, m.id, m.outputs, m.inputs)).id).to.equal("");
      await plugin.delete(GROUP, g.id, g.outputs);
      await plugin.delete(USER, u.id, u.outputs);
      expect((await plugin.read(USER, u.id, u.outputs, u.inputs)).id).to.equal("");
    });
  });

  describe("a server that goes away", () => {
    it("fails a create without a secret in the error; the rerun after the restart converges", async () => {
      const wanted = (
        await plugin.check(USER, { username: "erin", password: secret(PASSWORDS[5]) })
      ).inputs;
      await server.stop();
      try {
        expect(await failureOf(plugin.create(USER, wanted))).to.match(
          /POST \/api\/v1\/users: cannot reach/,
        );
      } finally {
        await server.restart();
      }
      // The rerun is a new `pulumi up`: the engine configures the provider again (the pod's address is new).
      await plugin.configure({ endpoint: server.endpoint, password: secret(server.adminPassword) });
      const created = await plugin.create(USER, wanted);
      expect(created.id).to.equal("erin");
      expect(await login("erin", PASSWORDS[5])).to.equal(200);
      // A rerun of a create that did get through is a conflict, refused without adopt and converging with it.
      expect(await failureOf(plugin.create(USER, wanted))).to.match(/Set adopt: true/);
      expect((await plugin.create(USER, { ...wanted, adopt: true })).id).to.equal("erin");
    });
  });

  // Last (mocha runs a describe's own tests before its nested describes): it scans what the others produced.
  describe("secrets", () => {
    it("never shows a password: not in an error, not in the plugin's stderr", () => {
      expect(errors.length).to.be.greaterThan(5);
      const seen = [...errors, plugin.stderr.join("")].join("\n");
      for (const p of PASSWORDS) expect(seen).not.to.include(p);
    });
  });
});
