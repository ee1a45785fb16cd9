import { expect } from "chai";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { adapter } from "../../../src/resources/kinds/adapter";
import { fakeApi } from "./adapters-api";

const ADAPTER = { type: "nfs", port: 12049, enabled: true, running: true };

describe("Adapter kind", () => {
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

  it("create updates the existing adapter of the type (the server makes one at start)", async () => {
    const api = fakeApi((c) => (c.method === "PUT" ? { body: { ...ADAPTER, port: 2049 } } : {}));
    const out = await adapter.create(api, { type: "nfs", port: 2049, enabled: true });
    expect(api.calls).to.deep.equal([
      { method: "PUT", path: "/api/v1/adapters/nfs", body: { enabled: true, port: 2049 } },
    ]);
    expect(out).to.deep.equal({ running: true });
  });

  it("create makes the adapter when it was deleted, and reads whether it runs", async () => {
    const api = fakeApi((c) =>
      c.method === "PUT" ? { status: 404 } : c.method === "GET" ? { body: ADAPTER } : {},
    );
    await adapter.create(api, { type: "smb", enabled: false });
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal([
      "PUT /api/v1/adapters/smb",
      "POST /api/v1/adapters",
      "GET /api/v1/adapters/smb",
    ]);
    expect(api.calls[1].body).to.deep.equal({ type: "smb", enabled: false });
  });

  it("create applies the inputs when another client made the adapter in between (409)", async () => {
    let puts = 0;
    const api = fakeApi((c) =>
      c.method === "PUT"
        ? puts++ === 0
          ? { status: 404 }
          : {}
        : c.method === "POST"
          ? { status: 409 }
          : { body: ADAPTER },
    );
    await adapter.create(api, { type: "nfs", port: 2049, enabled: true });
    expect(api.calls.map((c) => c.method)).to.deep.equal(["PUT", "POST", "PUT", "GET"]);
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
  });

  it("update sends enabled, and the port only when the inputs manage it", async () => {
    const api = fakeApi(() => ({ body: ADAPTER }));
    await adapter.update(api, "nfs", { type: "nfs", port: 2049 }, { type: "nfs", enabled: false });
    expect(api.calls).to.deep.equal([
      { method: "PUT", path: "/api/v1/adapters/nfs", body: { enabled: false } },
    ]);
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
