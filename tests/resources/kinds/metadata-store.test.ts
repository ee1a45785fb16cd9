import { expect } from "chai";
import { ApiError } from "../../../src/resources/api-client";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { metadataStore } from "../../../src/resources/kinds/metadata-store";
import { deleteResource, readResource } from "../../../src/resources/lifecycle";
import { METADATA_STORE_BAD_INPUTS, PG_PASSWORD } from "../bad-inputs/metadata-store";
import { fakeObjectsApi as fakeApi } from "./fake-api";

const pg = { host: "db", database: "dfs", user: "dfs", password: PG_PASSWORD };
const checked = (inputs: Record<string, unknown>) => {
  const c = checkInputs(metadataStore, inputs);
  expect(c.failures).to.deep.equal([]);
  return c.inputs;
};

describe("MetadataStore kind", () => {
  describe("bad inputs refused at check, with the field path and no secret", () => {
    for (const bad of METADATA_STORE_BAD_INPUTS.filter((b) => !b.serverOnly))
      it(bad.title, () => {
        const { failures } = checkInputs(metadataStore, bad.inputs);
        expect(failures.length).to.be.greaterThan(0);
        expect([...new Set(failures.map((f) => f.property))]).to.deep.equal([bad.property]);
        expect(
          failures.some((f) => bad.reason.test(f.reason)),
          JSON.stringify(failures),
        ).to.equal(true);
        expect(JSON.stringify(failures)).not.to.include(PG_PASSWORD);
      });
    it("the corpus has at least 8 cases refused at check", () => {
      expect(METADATA_STORE_BAD_INPUTS.filter((b) => !b.serverOnly).length).to.be.at.least(8);
    });
  });

  it("fills the defaults of the type's settings", () => {
    expect(checked({ name: "m", type: "postgres", postgres: pg }).postgres).to.deep.equal({
      ...pg,
      port: 5432,
      sslmode: "disable",
      relaxedDurability: true,
    });
    expect(checked({ name: "m", type: "badger", badger: { path: "/d/m" } }).badger).to.deep.equal({
      path: "/d/m",
      relaxedDurability: true,
    });
    expect(checked({ name: "m", type: "memory" })).to.deep.equal({
      name: "m",
      type: "memory",
      adopt: false,
    });
  });

  describe("diff", () => {
    const badger = checked({ name: "m", type: "badger", badger: { path: "/d/m" } });
    it("a type change replaces, deleting first (the same name)", () => {
      const d = diffInputs(metadataStore, badger, checked({ name: "m", type: "memory" }));
      expect(d.replaces.sort()).to.deep.equal(["type"]);
      expect(d.changes).to.deep.equal({ type: "update-replace", badger: "delete" });
      expect(d.deleteBeforeReplace).to.equal(true);
    });
    it("a rename replaces, creating the new store first", () => {
      const d = diffInputs(metadataStore, badger, { ...badger, name: "n" });
      expect(d.replaces).to.deep.equal(["name"]);
      expect(d.deleteBeforeReplace).to.equal(false);
    });
    it("a new badger path or postgres password updates in place", () => {
      const moved = { ...badger, badger: { path: "/d/other", relaxedDurability: true } };
      expect(diffInputs(metadataStore, badger, moved)).to.deep.equal({
        changes: { badger: "update" },
        replaces: [],
        deleteBeforeReplace: false,
      });
      const p = checked({ name: "p", type: "postgres", postgres: pg });
      const rotated = { ...p, postgres: { ...(p.postgres as object), password: "new-one" } };
      expect(diffInputs(metadataStore, p, rotated).changes).to.deep.equal({ postgres: "update" });
    });
    it("the same inputs: no change", () => {
      expect(diffInputs(metadataStore, badger, { ...badger }).changes).to.deep.equal({});
    });
  });

  describe("id", () => {
    it("is the name, and round-trips", () => {
      expect(metadataStore.id({ name: "meta", type: "memory" })).to.equal("meta");
      expect(metadataStore.keyOf("meta")).to.deep.equal({ name: "meta" });
    });
    it("a malformed import id names the expected shape", () => {
      expect(() => metadataStore.keyOf("local/meta")).to.throw(/the store's name \(`<name>`/);
      expect(() => metadataStore.keyOf("")).to.throw(/MetadataStore id/);
    });
  });

  describe("read", () => {
    const at = "/api/v1/store/metadata/p";
    const server = {
      [at]: {
        id: "u-1",
        name: "p",
        type: "postgres",
        config: { host: "db", port: 5432, dbname: "dfs", user: "dfs", password: "********" },
      },
    };
    it("takes the password from the state (the server shows ********) and reports defaults as check fills them", async () => {
      const read = await readResource(metadataStore, fakeApi(server), "p", {
        name: "p",
        type: "postgres",
        postgres: { ...pg, port: 5432 },
      });
      const wanted = checked({ name: "p", type: "postgres", postgres: pg });
      delete wanted.adopt;
      expect(read!.inputs).to.deep.equal(wanted);
      expect(JSON.stringify(read)).not.to.include("********");
    });
    it("on import (nothing known) leaves the password out", async () => {
      const read = await readResource(metadataStore, fakeApi(server), "p", {});
      expect(read!.inputs.postgres).to.deep.equal({
        host: "db",
        port: 5432,
        database: "dfs",
        user: "dfs",
        sslmode: "disable",
        relaxedDurability: true,
      });
    });
    it("a store that is gone reads as undefined", async () => {
      expect(await readResource(metadataStore, fakeApi({}), "p", {})).to.equal(undefined);
    });
  });

  it("update keeps the config keys it does not manage and sends the password", async () => {
    const api = fakeApi({
      "/api/v1/store/metadata/b": {
        name: "b",
        type: "badger",
        config: { db_path: "/old", block_cache_mb: 64, future_key: "x" },
      },
    });
    const news = checked({ name: "b", type: "badger", badger: { path: "/new" } });
    await metadataStore.update(api, "b", news as any, news as any);
    const put = api.calls.find((c) => c.method === "PUT")!;
    expect(put.path).to.equal("/api/v1/store/metadata/b");
    expect(JSON.parse((put.body as { config: string }).config)).to.deep.equal({
      future_key: "x",
      path: "/new",
      relaxed_durability: true,
    });
  });

  it("create sends the config as JSON text; memory sends none", async () => {
    const api = fakeApi({});
    await metadataStore.create(api, checked({ name: "p", type: "postgres", postgres: pg }) as any);
    await metadataStore.create(api, checked({ name: "m", type: "memory" }) as any);
    expect(api.calls.map((c) => c.body)).to.deep.equal([
      {
        name: "p",
        type: "postgres",
        config: JSON.stringify({
          host: "db",
          port: 5432,
          database: "dfs",
          user: "dfs",
          password: PG_PASSWORD,
          sslmode: "disable",
          relaxed_durability: true,
        }),
      },
      { name: "m", type: "memory" },
    ]);
  });

  it("a delete the server refuses because shares use the store says what to do", async () => {
    const api = fakeApi(
      {},
      {
        "DELETE /api/v1/store/metadata/m": new ApiError(
          "DELETE",
          "/api/v1/store/metadata/m",
          409,
          "Conflict: Cannot delete metadata store: it is in use by one or more shares",
        ),
      },
    );
    let message = "";
    await deleteResource(metadataStore, api, "m", {}).catch((e: Error) => (message = e.message));
    expect(message).to.match(
      /HTTP 409: .*in use by one or more shares \(delete or change those shares first\)/,
    );
  });
});
