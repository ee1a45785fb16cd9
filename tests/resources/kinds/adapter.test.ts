import { expect } from "chai";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { adapter, timing } from "../../../src/resources/kinds/adapter";
import { fakeHandlerApi as fakeApi, type HandledCall as Call } from "./fake-api";

const ADAPTER = { type: "nfs", port: 12049, enabled: true, running: true };

const writes = (calls: Call[]) => calls.filter((c) => c.method !== "GET");

/**
 * A server's adapters as the REST API shows them: a PUT or POST stamps updated_at, and the status says healthy
 * unless binding fails. `conflict`: the first POST answers 409 (someone else made it).
 */
function adapterServer(
  initial: Record<string, { port: number; enabled: boolean }>,
  options: { bindFails?: boolean; conflict?: boolean } = {},
) {
  const stamp = () => new Date().toISOString();
  const adapters: Record<string, Record<string, unknown>> = Object.fromEntries(
    Object.entries(initial).map(([t, a]) => [
      t,
      { type: t, ...a, running: a.enabled, updated_at: "2026-01-01T00:00:00Z" },
    ]),
  );
  let conflict = options.conflict ?? false;
  const state: {
    adapters: typeof adapters;
    reportAt: () => string;
    api: ReturnType<typeof fakeApi>;
  } = {
    adapters,
    reportAt: stamp,
    api: fakeApi((c: Call) => {
      const [, type, sub] = /^\/api\/v1\/adapters\/?([a-z]*)\/?([a-z]*)$/.exec(c.path) ?? [];
      const body = c.body as Record<string, unknown>;
      if (c.method === "POST") {
        if (conflict) {
          conflict = false;
          adapters[body.type as string] = { type: body.type, port: 1, enabled: true };
          return { status: 409 };
        }
        adapters[body.type as string] = { ...body, running: body.enabled, updated_at: stamp() };
        return { body: adapters[body.type as string] };
      }
      const a = adapters[type];
      if (!a) return { status: 404 };
      if (sub === "status")
        return {
          body: options.bindFails
            ? {
                status: "unknown",
                message: "NFS adapter has not started yet",
                checked_at: state.reportAt(),
              }
            : { status: "healthy", checked_at: state.reportAt() },
        };
      if (c.method === "PUT")
        Object.assign(a, body, { running: body.enabled, updated_at: stamp() });
      return { body: a };
    }),
  };
  return state;
}

describe("Adapter kind", () => {
  before(() => Object.assign(timing, { serveWaitMs: 300, pollMs: 20 }));
  after(() => Object.assign(timing, { serveWaitMs: 15000, pollMs: 500 }));

  it("fills enabled and adopt, and leaves the port to the server when unset", () => {
    const { inputs, failures } = checkInputs(adapter, { type: "smb" });
    expect(failures).to.deep.equal([]);
    expect(inputs).to.deep.equal({ type: "smb", enabled: true, adopt: false });
  });

  it("replaces on a type change (a different adapter: no delete first), updates port and enabled in place", () => {
    const olds = { type: "nfs", port: 12049, enabled: true };
    const type = diffInputs(adapter, olds, { ...olds, type: "smb" });
    expect(type).to.deep.equal({
      changes: { type: "update-replace" },
      replaces: ["type"],
      deleteBeforeReplace: false,
    });
    const port = diffInputs(adapter, olds, { ...olds, port: 2049, enabled: false });
    expect(port.changes).to.deep.equal({ port: "update", enabled: "update" });
    expect(port.replaces).to.deep.equal([]);
    expect(diffInputs(adapter, olds, { ...olds, adopt: true }).changes).to.deep.equal({});
  });

  it("ids are the type and round-trip; a malformed import id names the expected shape", () => {
    expect(adapter.keyOf(adapter.id({ type: "smb" }))).to.deep.equal({ type: "smb" });
    expect(() => adapter.keyOf("NFS")).to.throw(
      'an Adapter id is the adapter type, one of nfs, smb; got "NFS"',
    );
  });

  it("create updates the existing adapter of the type (the server makes one at start), and waits until it serves", async () => {
    const server = adapterServer({ nfs: { port: 12049, enabled: true } });
    const out = await adapter.create(server.api, { type: "nfs", port: 2049, enabled: true });
    expect(writes(server.api.calls)).to.deep.equal([
      { method: "PUT", path: "/api/v1/adapters/nfs", body: { enabled: true, port: 2049 } },
    ]);
    expect(server.api.calls.at(-1)!.path).to.equal("/api/v1/adapters/nfs/status");
    expect(out).to.deep.equal({ running: true });
  });

  it("create makes the adapter when it was deleted", async () => {
    const server = adapterServer({});
    await adapter.create(server.api, { type: "smb", enabled: false });
    expect(writes(server.api.calls)).to.deep.equal([
      {
        method: "POST",
        path: "/api/v1/adapters",
        body: { type: "smb", port: 1445, enabled: false },
      },
    ]);
    expect(server.adapters.smb).to.include({ enabled: false });
  });

  it("create applies the inputs when another client made the adapter in between (409)", async () => {
    const server = adapterServer({}, { conflict: true });
    await adapter.create(server.api, { type: "nfs", port: 2049, enabled: true });
    expect(writes(server.api.calls).map((c) => c.method)).to.deep.equal(["POST", "PUT"]);
    expect(server.adapters.nfs).to.include({ port: 2049 });
  });

  it("fails, naming the port, when the adapter does not serve after the change (the server only logs it)", async () => {
    const server = adapterServer({ nfs: { port: 12049, enabled: true } }, { bindFails: true });
    let message = "";
    await adapter
      .create(server.api, { type: "nfs", port: 8080, enabled: true })
      .catch((e: Error) => (message = e.message));
    expect(message).to.match(
      /stored port 8080 for the nfs adapter, but the adapter does not serve there \(unknown: NFS adapter has not started yet\); the port is probably taken/,
    );
  });

  it("does not judge a new port by a health report made before the change", async () => {
    const server = adapterServer({ nfs: { port: 12049, enabled: true } }, { bindFails: true });
    server.reportAt = () => new Date(Date.now() - 60000).toISOString(); // the cache's old report
    let message = "";
    await adapter
      .create(server.api, { type: "nfs", port: 8080, enabled: true })
      .catch((e: Error) => (message = e.message));
    expect(message).to.match(/does not serve there \(no health report\)/);
  });

  it("read shows the port when the inputs set one or on import, not when the server chose it", async () => {
    const api = fakeApi(() => ({ body: { ...ADAPTER, port: 2049 } }));
    expect((await adapter.read(api, "nfs", { type: "nfs", port: 1 }))!.inputs).to.deep.equal({
      type: "nfs",
      port: 2049,
      enabled: true,
    });
    expect((await adapter.read(api, "nfs", {}))!.inputs.port).to.equal(2049);
    expect((await adapter.read(api, "nfs", { type: "nfs" }))!.inputs).to.deep.equal({
      type: "nfs",
      enabled: true,
    });
    expect(
      await adapter.read(
        fakeApi(() => ({ status: 404 })),
        "nfs",
        {},
      ),
    ).to.equal(undefined);
    // Port 0 on the server: the port the adapter binds.
    const zero = fakeApi(() => ({ body: { ...ADAPTER, type: "smb", port: 0 } }));
    expect((await adapter.read(zero, "smb", { type: "smb", port: 1445 }))!.inputs.port).to.equal(
      12445,
    );
  });

  it("update sends enabled, and the port only when the inputs manage it; a stopped adapter is not waited for", async () => {
    const server = adapterServer({ nfs: { port: 2049, enabled: true } });
    await adapter.update(
      server.api,
      "nfs",
      { type: "nfs", port: 2049 },
      { type: "nfs", enabled: false },
    );
    expect(writes(server.api.calls)).to.deep.equal([
      { method: "PUT", path: "/api/v1/adapters/nfs", body: { enabled: false } },
    ]);
    expect(server.api.calls.filter((c) => c.path.endsWith("/status"))).to.deep.equal([]);
  });

  it("delete restores what the server makes at start instead of deleting the adapter", async () => {
    const api = fakeApi(() => ({}));
    await adapter.delete(api, "nfs", { type: "nfs", port: 2049, enabled: false });
    await adapter.delete(api, "smb", { type: "smb", port: 4450 });
    await adapter.delete(api, "smb", { type: "smb", enabled: false });
    expect(api.calls).to.deep.equal([
      { method: "PUT", path: "/api/v1/adapters/nfs", body: { enabled: true, port: 12049 } },
      { method: "PUT", path: "/api/v1/adapters/smb", body: { enabled: true, port: 1445 } },
      { method: "PUT", path: "/api/v1/adapters/smb", body: { enabled: true } },
    ]);
  });
});
