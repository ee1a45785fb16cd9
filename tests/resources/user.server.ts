import { expect } from "chai";
import { liveServerUnavailable, LiveServer } from "./live-server";
import { PluginClient, secret } from "./plugin-client";

const T = "dittofs:index:User";

describe("User on a real v0.29 server, through the plugin's gRPC methods", function () {
  this.timeout(60000);
  let server: LiveServer;
  let plugin: PluginClient;
  before(async function () {
    const why = liveServerUnavailable();
    if (why) {
      console.log(`    skipped: ${why}`);
      this.skip();
    }
    server = await LiveServer.start("res-user");
    plugin = await PluginClient.start();
    await plugin.configure({ endpoint: server.endpoint, password: secret(server.adminPassword) });
  });
  after(async () => {
    await plugin?.stop();
    await server?.dispose();
  });

  it("creates, reads back, updates, resets the password, deletes", async function () {
    const checked = await plugin.check(T, {
      username: "alice",
      password: secret("pw-one-123"),
      email: "a@example.com",
    });
    expect(checked.failures).to.deep.equal([]);
    const created = await plugin.create(T, checked.inputs);
    expect(created.id).to.equal("alice");
    const onServer = await server.rest("GET", "/api/v1/users/alice");
    expect(onServer.body.email).to.equal("a@example.com");
    const read = await plugin.read(T, "alice", created.outputs, checked.inputs);
    expect(read.inputs.role).to.equal("user");
    const news = (
      await plugin.check(T, {
        username: "alice",
        password: secret("pw-two-456"),
        email: "b@example.com",
      })
    ).inputs;
    const d = await plugin.diff(T, "alice", checked.inputs, news);
    expect(d.changes).to.equal("some");
    expect(Object.keys(d.detailed).sort()).to.deep.equal(["email", "password"]);
    await plugin.update(T, "alice", created.outputs, news);
    expect((await server.rest("GET", "/api/v1/users/alice")).body.email).to.equal("b@example.com");
    await plugin.delete(T, "alice", created.outputs);
    expect((await server.rest("GET", "/api/v1/users/alice")).status).to.equal(404);
    await plugin.delete(T, "alice", created.outputs);
  });
});
