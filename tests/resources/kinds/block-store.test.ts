import { expect } from "chai";
import { ApiError } from "../../../src/resources/api-client";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { blockStore } from "../../../src/resources/kinds/block-store";
import { deleteResource, readResource } from "../../../src/resources/lifecycle";
import { UNKNOWN } from "../../../src/resources/wire";
import {
  BLOCK_STORE_BAD_INPUTS,
  S3_ACCESS_KEY_ID,
  S3_SECRET_ACCESS_KEY,
} from "../bad-inputs/block-store";
import { fakeObjectsApi as fakeApi } from "./fake-api";

const s3 = {
  bucket: "blocks",
  accessKeyId: S3_ACCESS_KEY_ID,
  secretAccessKey: S3_SECRET_ACCESS_KEY,
};
const checked = (inputs: Record<string, unknown>) => {
  const c = checkInputs(blockStore, inputs);
  expect(c.failures).to.deep.equal([]);
  delete c.inputs.adopt;
  return c.inputs;
};

describe("BlockStore kind", () => {
  describe("bad inputs refused at check, with the field path and no secret", () => {
    for (const bad of BLOCK_STORE_BAD_INPUTS.filter((b) => !b.serverOnly))
      it(bad.title, () => {
        const { failures } = checkInputs(blockStore, bad.inputs);
        expect(failures.length).to.be.greaterThan(0);
        expect([...new Set(failures.map((f) => f.property))]).to.deep.equal([bad.property]);
        expect(
          failures.some((f) => bad.reason.test(f.reason)),
          JSON.stringify(failures),
        ).to.equal(true);
        const text = JSON.stringify(failures);
        expect(text).not.to.include(S3_SECRET_ACCESS_KEY);
        expect(text).not.to.include(S3_ACCESS_KEY_ID);
      });
    it("the corpus has at least 8 cases refused at check", () => {
      expect(BLOCK_STORE_BAD_INPUTS.filter((b) => !b.serverOnly).length).to.be.at.least(8);
    });
    it("a bad access key id is refused without quoting it", () => {
      const { failures } = checkInputs(blockStore, {
        kind: "remote",
        name: "r",
        type: "s3",
        s3: { ...s3, accessKeyId: 42, secretAccessKey: 43 },
      });
      expect(failures.map((f) => `${f.property}: ${f.reason}`).sort()).to.deep.equal([
        "s3.accessKeyId: (a secret value) must be a string",
        "s3.secretAccessKey: (a secret value) must be a string",
      ]);
    });
  });

  it("fills the S3 defaults; an allowed private endpoint passes", () => {
    const r = checked({
      kind: "remote",
      name: "r",
      type: "s3",
      s3: { ...s3, endpoint: "http://10.0.0.5:9000", allowPrivateEndpoint: true },
    });
    expect(r.s3).to.deep.equal({
      ...s3,
      endpoint: "http://10.0.0.5:9000",
      allowPrivateEndpoint: true,
      region: "us-east-1",
    });
    expect(
      (checked({ kind: "remote", name: "r", type: "s3", s3 }).s3 as Record<string, unknown>)
        .allowPrivateEndpoint,
    ).to.equal(false);
    // Hostnames are the server's to resolve.
    checked({ kind: "remote", name: "r", type: "s3", s3: { ...s3, endpoint: "minio.local:9000" } });
  });

  it("refuses private IPv6 and loopback endpoints as the server would, naming allowPrivateEndpoint", () => {
    for (const endpoint of [
      "http://[::1]:9000",
      "https://[fd00::5]",
      "127.0.0.1:9000",
      "192.168.1.10",
    ]) {
      const { failures } = checkInputs(blockStore, {
        kind: "remote",
        name: "r",
        type: "s3",
        s3: { ...s3, endpoint },
      });
      expect(failures, endpoint).to.have.length(1);
      expect(failures[0].property).to.equal("s3.endpoint");
      expect(failures[0].reason).to.match(
        /private or loopback address; set s3.allowPrivateEndpoint: true/,
      );
    }
    checked({
      kind: "remote",
      name: "r",
      type: "s3",
      s3: { ...s3, endpoint: "https://[2001:db8::1]:9000" },
    });
  });

  it("a preview's unknown credentials pass check (checked when known)", () => {
    const { failures, inputs } = checkInputs(blockStore, {
      kind: "remote",
      name: "r",
      type: "s3",
      s3: { ...s3, secretAccessKey: UNKNOWN },
    });
    expect(failures).to.deep.equal([]);
    expect((inputs.s3 as Record<string, unknown>).secretAccessKey).to.equal(UNKNOWN);
  });

  describe("diff", () => {
    const local = checked({ kind: "local", name: "l", type: "fs", fs: { path: "/d/b" } });
    it("a type change replaces, deleting first (the same id)", () => {
      const d = diffInputs(
        blockStore,
        local,
        checked({ kind: "local", name: "l", type: "memory" }),
      );
      expect(d.replaces).to.deep.equal(["type"]);
      expect(d.deleteBeforeReplace).to.equal(true);
    });
    it("a kind change replaces, creating first (another id)", () => {
      const d = diffInputs(blockStore, checked({ kind: "local", name: "m", type: "memory" }), {
        ...checked({ kind: "remote", name: "m", type: "memory" }),
      });
      expect(d.replaces).to.deep.equal(["kind"]);
      expect(d.deleteBeforeReplace).to.equal(false);
    });
    it("new S3 credentials or a new fs path update in place", () => {
      const r = checked({ kind: "remote", name: "r", type: "s3", s3 });
      const rotated = { ...r, s3: { ...(r.s3 as object), secretAccessKey: "other" } };
      expect(diffInputs(blockStore, r, rotated)).to.deep.equal({
        changes: { s3: "update" },
        replaces: [],
        deleteBeforeReplace: false,
      });
      const moved = { ...local, fs: { path: "/d/c" } };
      expect(diffInputs(blockStore, local, moved).changes).to.deep.equal({ fs: "update" });
    });
  });

  describe("id", () => {
    it("is kind/name, and round-trips", () => {
      const i = { kind: "remote" as const, name: "s3-main", type: "s3" as const };
      expect(blockStore.id(i)).to.equal("remote/s3-main");
      expect(blockStore.keyOf("remote/s3-main")).to.deep.equal({ kind: "remote", name: "s3-main" });
      expect(blockStore.keyOf(blockStore.id({ ...i, kind: "local" }))).to.deep.equal({
        kind: "local",
        name: "s3-main",
      });
    });
    for (const bad of ["s3-main", "cache/s3-main", "local/", "local/a/b"])
      it(`a malformed import id (${bad}) names the expected shape`, () => {
        expect(() => blockStore.keyOf(bad)).to.throw(/`local\/<name>` or `remote\/<name>`/);
      });
  });

  describe("read", () => {
    const at = "/api/v1/store/block/remote/r";
    const server = {
      [at]: {
        id: "u-2",
        name: "r",
        kind: "remote",
        type: "s3",
        config: {
          bucket: "blocks",
          access_key_id: S3_ACCESS_KEY_ID,
          secret_access_key: "********",
          compression: {},
          encryption: { key: { client_key: "********" } },
        },
      },
    };
    it("takes the secret key from the state, shows the access key id as the server has it", async () => {
      const known = checked({
        kind: "remote",
        name: "r",
        type: "s3",
        s3: { ...s3, compression: "zstd" },
      });
      const read = await readResource(blockStore, fakeApi(server), "remote/r", known);
      expect(read!.inputs).to.deep.equal(known);
    });
    it("on import leaves the secret key out", async () => {
      const read = await readResource(blockStore, fakeApi(server), "remote/r", {});
      expect(read!.inputs.s3).to.deep.equal({
        bucket: "blocks",
        region: "us-east-1",
        accessKeyId: S3_ACCESS_KEY_ID,
        allowPrivateEndpoint: false,
        compression: "zstd",
      });
      expect(JSON.stringify(read)).not.to.include("********");
    });
  });

  it("update sends the managed keys and keeps the rest (its secrets as ******** for the server to restore)", async () => {
    const api = fakeApi({
      "/api/v1/store/block/remote/r": {
        name: "r",
        kind: "remote",
        type: "s3",
        config: {
          bucket: "old",
          secret_access_key: "********",
          compression: { algo: "lz4" },
          encryption: { aead: "aes-256-gcm", key: { kind: "kmip", client_key: "********" } },
        },
      },
    });
    const news = checked({ kind: "remote", name: "r", type: "s3", s3 });
    await blockStore.update(api, "remote/r", news as any, news as any);
    const put = api.calls.find((c) => c.method === "PUT")!;
    expect(put.path).to.equal("/api/v1/store/block/remote/r");
    expect(JSON.parse((put.body as { config: string }).config)).to.deep.equal({
      encryption: { aead: "aes-256-gcm", key: { kind: "kmip", client_key: "********" } },
      bucket: "blocks",
      region: "us-east-1",
      access_key_id: S3_ACCESS_KEY_ID,
      secret_access_key: S3_SECRET_ACCESS_KEY,
      allow_private_endpoint: false,
    });
  });

  it("create posts to the kind's path", async () => {
    const api = fakeApi({});
    await blockStore.create(
      api,
      checked({ kind: "local", name: "l", type: "fs", fs: { path: "/d" } }) as any,
    );
    expect(api.calls).to.deep.equal([
      {
        method: "POST",
        path: "/api/v1/store/block/local",
        body: { name: "l", type: "fs", config: '{"path":"/d"}' },
      },
    ]);
  });

  it("a delete the server refuses because shares use the store says what to do", async () => {
    const path = "/api/v1/store/block/local/l";
    const api = fakeApi(
      {},
      {
        [`DELETE ${path}`]: new ApiError(
          "DELETE",
          path,
          409,
          "Conflict: Cannot delete block store: it is in use by one or more shares",
        ),
      },
    );
    let message = "";
    await deleteResource(blockStore, api, "local/l", {}).catch((e: Error) => (message = e.message));
    expect(message).to.match(/HTTP 409: .*in use.*\(delete or change those shares first\)/);
    // Gone already: done.
    await deleteResource(
      blockStore,
      fakeApi({}, { [`DELETE ${path}`]: new ApiError("DELETE", path, 404, "Not Found") }),
      "local/l",
      {},
    );
  });
});
