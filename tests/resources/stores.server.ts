import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { reveal } from "../../src/resources/wire";
import { LocalPostgres, postgresUnavailable, type PostgresConnection } from "../server/postgres";
import { workDir } from "../server/sandbox";
import { shared } from "../server/shared";
import {
  BLOCK_STORE_BAD_INPUTS,
  S3_ACCESS_KEY_ID,
  S3_SECRET_ACCESS_KEY,
} from "./bad-inputs/block-store";
import { METADATA_STORE_BAD_INPUTS, PG_PASSWORD } from "./bad-inputs/metadata-store";
import { FakeS3 } from "./fake-s3";
import { liveServerUnavailable, LiveServer } from "./live-server";
import { PluginClient, secret, type Props } from "./plugin-client";

const META = "dittofs:index:MetadataStore";
const BLOCK = "dittofs:index:BlockStore";
/** Under the DittoServer's metadata volume: the one writable place of the pod. */
const VOLUME = "/data/store/metadata";
/** A port nothing listens at, refused at once (the server does not reach S3 at create; its status probe fails fast). */
const NO_S3 = "http://127.0.0.1:9";
const S3_SECRET_TWO = "s3-secret-second-Vb61";

const plainOf = (p: Props): Props => reveal(p).value as Props;

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the call to fail");
}

describe("MetadataStore and BlockStore on a real v0.29 server, through the plugin's gRPC methods", function () {
  this.timeout(120000);
  let server: LiveServer;
  let plugin: PluginClient;
  let postgres: LocalPostgres | undefined;
  let ownPostgres: LocalPostgres | undefined;
  let postgresReason = "";
  const secrets: string[] = [PG_PASSWORD, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_SECRET_TWO];

  before(async function () {
    const why = liveServerUnavailable();
    if (why) {
      console.log(`    skipped: ${why}`);
      this.skip();
    }
    server = await LiveServer.start("res-stores");
    plugin = await PluginClient.start();
    await plugin.configure({ endpoint: server.endpoint, password: secret(server.adminPassword) });
    // The contract run's PostgreSQL when it is up; our own when this suite runs alone.
    postgres = shared.postgres;
    postgresReason = shared.postgresReason || (postgres ? "" : postgresUnavailable());
    if (!postgres && !postgresReason) {
      const dir = path.join(workDir("resources-stores-pg-"), "postgres");
      fs.mkdirSync(dir);
      postgres = ownPostgres = new LocalPostgres(dir);
    }
  });
  after(async () => {
    if (plugin) {
      const stderr = plugin.stderr.join("");
      for (const s of secrets) expect(stderr, "the plugin's stderr").not.to.include(s);
    }
    await plugin?.stop();
    await server?.dispose();
    ownPostgres?.stop();
  });

  const check = async (type: string, inputs: Props): Promise<Props> => {
    const c = await plugin.check(type, inputs);
    expect(c.failures).to.deep.equal([]);
    return c.inputs;
  };

  it("badger: creates, reads back as the server has it, updates in place, deletes (twice)", async () => {
    const inputs = await check(META, {
      name: "meta-b",
      type: "badger",
      badger: { path: `${VOLUME}/meta-b` },
    });
    const created = await plugin.create(META, inputs);
    expect(created.id).to.equal("meta-b");
    const onServer = await server.rest("GET", "/api/v1/store/metadata/meta-b");
    expect(onServer.body.type).to.equal("badger");
    expect(onServer.body.config).to.deep.include({
      path: `${VOLUME}/meta-b`,
      relaxed_durability: true,
    });
    const read = await plugin.read(META, "meta-b", created.outputs, inputs);
    expect(plainOf(read.inputs)).to.deep.equal(plainOf(inputs));

    const news = await check(META, {
      name: "meta-b",
      type: "badger",
      badger: { path: `${VOLUME}/meta-b`, blockCacheMb: 64, relaxedDurability: false },
    });
    const d = await plugin.diff(META, "meta-b", inputs, news);
    expect(d.changes).to.equal("some");
    expect(d.replaces).to.deep.equal([]);
    expect(Object.keys(d.detailed)).to.deep.equal(["badger"]);
    await plugin.update(META, "meta-b", created.outputs, news);
    expect((await server.rest("GET", "/api/v1/store/metadata/meta-b")).body.config).to.deep.include(
      {
        block_cache_mb: 64,
        relaxed_durability: false,
      },
    );
    const after = await plugin.read(META, "meta-b", news, news);
    expect((await plugin.diff(META, "meta-b", after.inputs, news)).changes).to.equal("none");

    await plugin.delete(META, "meta-b", news);
    expect((await server.rest("GET", "/api/v1/store/metadata/meta-b")).status).to.equal(404);
    await plugin.delete(META, "meta-b", news);
    expect((await plugin.read(META, "meta-b", news, news)).id).to.equal("");
  });

  it("sqlite: creates the database file, reads back, deletes", async () => {
    const inputs = await check(META, {
      name: "meta-s",
      type: "sqlite",
      sqlite: { path: `${VOLUME}/meta-s.db` },
    });
    const created = await plugin.create(META, inputs);
    const onServer = (await server.rest("GET", "/api/v1/store/metadata/meta-s")).body;
    expect(onServer).to.deep.include({ type: "sqlite", config: { path: `${VOLUME}/meta-s.db` } });
    const read = await plugin.read(META, "meta-s", created.outputs, inputs);
    expect(plainOf(read.inputs)).to.deep.equal(plainOf(inputs));
    await plugin.delete(META, "meta-s", created.outputs);
    expect((await server.rest("GET", "/api/v1/store/metadata/meta-s")).status).to.equal(404);
  });

  it("a type change replaces: diff says delete first, then delete and create", async () => {
    const olds = await check(META, { name: "meta-r", type: "memory" });
    const created = await plugin.create(META, olds);
    const news = await check(META, {
      name: "meta-r",
      type: "badger",
      badger: { path: `${VOLUME}/meta-r` },
    });
    const d = await plugin.diff(META, "meta-r", olds, news);
    expect(d.replaces).to.deep.equal(["type"]);
    expect(d.deleteBeforeReplace).to.equal(true);
    await plugin.delete(META, created.id, created.outputs);
    const again = await plugin.create(META, news);
    expect(again.id).to.equal("meta-r");
    expect((await server.rest("GET", "/api/v1/store/metadata/meta-r")).body.type).to.equal(
      "badger",
    );
    await plugin.delete(META, "meta-r", again.outputs);
  });

  it("imports a store made with the REST API, shows drift made out of band, and repairs it", async () => {
    const made = await server.rest("POST", "/api/v1/store/metadata", {
      name: "meta-i",
      type: "badger",
      config: JSON.stringify({ path: `${VOLUME}/meta-i` }),
    });
    expect(made.status).to.equal(201);
    const imported = await plugin.read(META, "meta-i");
    expect(imported.id).to.equal("meta-i");
    const wanted = await check(META, {
      name: "meta-i",
      type: "badger",
      badger: { path: `${VOLUME}/meta-i` },
    });
    expect((await plugin.diff(META, "meta-i", imported.inputs, wanted)).changes).to.equal("none");

    // Out of band: another directory and cache.
    const put = await server.rest("PUT", "/api/v1/store/metadata/meta-i", {
      config: JSON.stringify({ path: `${VOLUME}/elsewhere`, index_cache_mb: 8 }),
    });
    expect(put.status).to.equal(200);
    const refreshed = await plugin.read(META, "meta-i", imported.outputs, imported.inputs);
    expect(plainOf(refreshed.inputs).badger).to.deep.equal({
      path: `${VOLUME}/elsewhere`,
      indexCacheMb: 8,
      relaxedDurability: true,
    });
    const d = await plugin.diff(META, "meta-i", refreshed.inputs, wanted);
    expect(Object.keys(d.detailed)).to.deep.equal(["badger"]);
    expect(d.replaces).to.deep.equal([]);
    await plugin.update(META, "meta-i", refreshed.outputs, wanted);
    const repaired = await plugin.read(META, "meta-i", wanted, wanted);
    expect((await plugin.diff(META, "meta-i", repaired.inputs, wanted)).changes).to.equal("none");
    await plugin.delete(META, "meta-i", wanted);
  });

  it("adoption: a 409 without adopt names adopt and pulumi import; an identical store is taken over, a different one refused", async () => {
    await server.rest("POST", "/api/v1/store/block/local", {
      name: "local-a",
      type: "fs",
      config: JSON.stringify({ path: `${VOLUME}/local-a` }),
    });
    const same = { kind: "local", name: "local-a", type: "fs", fs: { path: `${VOLUME}/local-a` } };
    const refused = await failure(plugin.create(BLOCK, await check(BLOCK, same)));
    expect(refused).to.match(
      /HTTP 409.*Set adopt: true.*pulumi import dittofs:index:BlockStore <name> "local\/local-a"/,
    );
    const differing = await failure(
      plugin.create(
        BLOCK,
        await check(BLOCK, { ...same, fs: { path: `${VOLUME}/other` }, adopt: true }),
      ),
    );
    expect(differing).to.match(
      /"local\/local-a" already exists on the server and differs in fs: adopt takes over identical objects only/,
    );
    const adopted = await plugin.create(BLOCK, await check(BLOCK, { ...same, adopt: true }));
    expect(adopted.id).to.equal("local/local-a");
    await plugin.delete(BLOCK, adopted.id, adopted.outputs);
    expect((await server.rest("GET", "/api/v1/store/block/local/local-a")).status).to.equal(404);
  });

  it("local fs: creates (the server makes the directory), updates in place; a kind change replaces, creating first", async () => {
    const inputs = await check(BLOCK, {
      kind: "local",
      name: "blocks",
      type: "fs",
      fs: { path: `${VOLUME}/blocks` },
    });
    const created = await plugin.create(BLOCK, inputs);
    expect(created.id).to.equal("local/blocks");
    const onServer = await server.rest("GET", "/api/v1/store/block/local/blocks");
    expect(onServer.body).to.deep.include({
      kind: "local",
      type: "fs",
      config: { path: `${VOLUME}/blocks` },
    });
    expect(
      plainOf((await plugin.read(BLOCK, "local/blocks", created.outputs, inputs)).inputs),
    ).to.deep.equal(plainOf(inputs));
    const news = await check(BLOCK, {
      kind: "local",
      name: "blocks",
      type: "fs",
      fs: { path: `${VOLUME}/blocks`, maxSize: 1 << 30 },
    });
    expect((await plugin.diff(BLOCK, "local/blocks", inputs, news)).replaces).to.deep.equal([]);
    await plugin.update(BLOCK, "local/blocks", created.outputs, news);
    expect(
      (await server.rest("GET", "/api/v1/store/block/local/blocks")).body.config.max_size,
    ).to.equal(1 << 30);
    await plugin.delete(BLOCK, "local/blocks", news);
    await plugin.delete(BLOCK, "local/blocks", news);

    const local = await check(BLOCK, { kind: "local", name: "mem", type: "memory" });
    const first = await plugin.create(BLOCK, local);
    const remote = await check(BLOCK, { kind: "remote", name: "mem", type: "memory" });
    const d = await plugin.diff(BLOCK, first.id, local, remote);
    expect(d.replaces).to.deep.equal(["kind"]);
    expect(d.deleteBeforeReplace).to.equal(false);
    const second = await plugin.create(BLOCK, remote);
    expect(second.id).to.equal("remote/mem");
    await plugin.delete(BLOCK, first.id, first.outputs);
    expect((await server.rest("GET", "/api/v1/store/block/remote/mem")).status).to.equal(200);
    expect((await server.rest("GET", "/api/v1/store/block/local/mem")).status).to.equal(404);
    await plugin.delete(BLOCK, second.id, second.outputs);
  });

  it("s3 is not reached at create: an endpoint nothing answers at still makes a store", async function () {
    // The store's answers wait for its health probe to give up (5 s each).
    this.timeout(180000);
    const inputs = await check(BLOCK, {
      kind: "remote",
      name: "s3-off",
      type: "s3",
      s3: {
        bucket: "dittofs-blocks",
        endpoint: NO_S3,
        allowPrivateEndpoint: true,
        accessKeyId: secret(S3_ACCESS_KEY_ID),
        secretAccessKey: secret(S3_SECRET_ACCESS_KEY),
      },
    });
    const created = await plugin.create(BLOCK, inputs);
    const onServer = (await server.rest("GET", "/api/v1/store/block/remote/s3-off")).body;
    expect(onServer.status.status).to.equal("unhealthy");
    expect(JSON.stringify(onServer)).not.to.include(S3_SECRET_ACCESS_KEY);
    await plugin.delete(BLOCK, created.id, created.outputs);
  });

  it("s3 (a stand-in endpoint): the server signs with the key it was given but shows ********; import, rotation, drift, repair", async () => {
    const fake = await FakeS3.start([S3_SECRET_ACCESS_KEY, S3_SECRET_TWO, "********"]);
    try {
      const s3 = {
        bucket: "dittofs-blocks",
        endpoint: `http://${server.run.network!.nodeIp}:${fake.port}`,
        allowPrivateEndpoint: true,
        accessKeyId: secret(S3_ACCESS_KEY_ID),
        secretAccessKey: secret(S3_SECRET_ACCESS_KEY),
      };
      const inputs = await check(BLOCK, { kind: "remote", name: "s3", type: "s3", s3 });
      const created = await plugin.create(BLOCK, inputs);
      expect(created.id).to.equal("remote/s3");
      // The create's health probe: a HeadBucket signed with the key given.
      expect(fake.last).to.deep.equal({
        method: "HEAD",
        path: "/dittofs-blocks",
        accessKeyId: S3_ACCESS_KEY_ID,
        signedWith: S3_SECRET_ACCESS_KEY,
      });
      const onServer = (await server.rest("GET", "/api/v1/store/block/remote/s3")).body;
      expect(onServer.status.status).to.equal("healthy");
      expect(onServer.config).to.deep.include({
        bucket: "dittofs-blocks",
        access_key_id: S3_ACCESS_KEY_ID,
        secret_access_key: "********",
        region: "us-east-1",
      });
      const read = await plugin.read(BLOCK, "remote/s3", created.outputs, inputs);
      expect(plainOf(read.inputs)).to.deep.equal(plainOf(inputs));
      expect((await plugin.diff(BLOCK, "remote/s3", read.inputs, inputs)).changes).to.equal("none");
      expect(JSON.stringify(read)).not.to.include("********");

      // Import: everything but the secret key; the diff against the program shows only the block holding it.
      const imported = await plugin.read(BLOCK, "remote/s3");
      expect(plainOf(imported.inputs).s3).not.to.have.property("secretAccessKey");
      expect(
        Object.keys((await plugin.diff(BLOCK, "remote/s3", imported.inputs, inputs)).detailed),
      ).to.deep.equal(["s3"]);

      // A new prefix and a rotated key update in place; the server's probe then signs with the new key.
      const news = await check(BLOCK, {
        kind: "remote",
        name: "s3",
        type: "s3",
        s3: { ...s3, prefix: "team-a/", secretAccessKey: secret(S3_SECRET_TWO) },
      });
      const d = await plugin.diff(BLOCK, "remote/s3", inputs, news);
      expect(d.replaces).to.deep.equal([]);
      expect(JSON.stringify(d)).not.to.include(S3_SECRET_TWO);
      await plugin.update(BLOCK, "remote/s3", created.outputs, news);
      expect(fake.last!.signedWith).to.equal(S3_SECRET_TWO);
      expect(
        (await server.rest("GET", "/api/v1/store/block/remote/s3")).body.config,
      ).to.deep.include({
        prefix: "team-a/",
        secret_access_key: "********",
      });

      // Out of band (as dfsctl's edit does, echoing ******** for the key): another bucket. The key stays.
      const drifted = { ...onServer.config, bucket: "someone-elses", prefix: "team-a/" };
      const put = await server.rest("PUT", "/api/v1/store/block/remote/s3", {
        config: JSON.stringify(drifted),
      });
      expect(put.status).to.equal(200);
      expect(fake.last).to.deep.include({ path: "/someone-elses", signedWith: S3_SECRET_TWO });
      const refreshed = await plugin.read(BLOCK, "remote/s3", news, news);
      expect((plainOf(refreshed.inputs).s3 as Props).bucket).to.equal("someone-elses");
      expect(
        Object.keys((await plugin.diff(BLOCK, "remote/s3", refreshed.inputs, news)).detailed),
      ).to.deep.equal(["s3"]);
      await plugin.update(BLOCK, "remote/s3", refreshed.outputs, news);
      expect(fake.last).to.deep.include({ path: "/dittofs-blocks", signedWith: S3_SECRET_TWO });
      expect(
        (await server.rest("GET", "/api/v1/store/block/remote/s3")).body.config.bucket,
      ).to.equal("dittofs-blocks");
      await plugin.delete(BLOCK, "remote/s3", news);
      expect(fake.requests.length).to.be.greaterThan(3);
      expect(
        fake.requests.filter((r) => r.signedWith === undefined || r.signedWith === "********"),
      ).to.deep.equal([]);
    } finally {
      await fake.stop();
    }
  });

  it("postgres: connects at create; the password is never read back, kept from the state", async function () {
    if (!postgres) {
      console.log(`      skipped: ${postgresReason}`);
      this.skip();
    }
    const db: PostgresConnection = postgres.database("dfs_meta_res");
    secrets.push(db.password);
    const inputs = await check(META, {
      name: "meta-pg",
      type: "postgres",
      postgres: {
        host: db.host,
        port: db.port,
        database: db.database,
        user: db.user,
        password: secret(db.password),
      },
    });
    const created = await plugin.create(META, inputs);
    const onServer = (await server.rest("GET", "/api/v1/store/metadata/meta-pg")).body;
    expect(onServer.config).to.deep.include({ host: db.host, user: db.user, password: "********" });
    expect(
      postgres.tables(db.database).length,
      "the server's tables in the database",
    ).to.be.greaterThan(0);
    const read = await plugin.read(META, "meta-pg", created.outputs, inputs);
    expect(plainOf(read.inputs)).to.deep.equal(plainOf(inputs));
    const imported = await plugin.read(META, "meta-pg");
    expect(plainOf(imported.inputs).postgres).not.to.have.property("password");
    const news = await check(META, {
      name: "meta-pg",
      type: "postgres",
      postgres: {
        ...(plainOf(inputs).postgres as Props),
        password: secret(db.password),
        maxConns: 4,
      },
    });
    await plugin.update(META, "meta-pg", created.outputs, news);
    expect(
      (await server.rest("GET", "/api/v1/store/metadata/meta-pg")).body.config,
    ).to.deep.include({
      max_conns: 4,
      password: "********",
    });
    await plugin.delete(META, "meta-pg", news);
  });

  it("a store a share uses: the delete fails with the server's 409 and what to do, and succeeds once the share is gone", async () => {
    const meta = await plugin.create(META, await check(META, { name: "meta-u", type: "memory" }));
    const local = await plugin.create(
      BLOCK,
      await check(BLOCK, { kind: "local", name: "local-u", type: "memory" }),
    );
    const share = await server.rest("POST", "/api/v1/shares", {
      name: "/inuse",
      metadata_store_id: "meta-u",
      local_block_store: "local-u",
    });
    expect(share.status, JSON.stringify(share.body)).to.equal(201);
    expect(await failure(plugin.delete(META, meta.id, meta.outputs))).to.match(
      /DELETE \/api\/v1\/store\/metadata\/meta-u: HTTP 409: .*in use by one or more shares \(delete or change those shares first\)/,
    );
    expect(await failure(plugin.delete(BLOCK, local.id, local.outputs))).to.match(
      /HTTP 409: .*Cannot delete block store: it is in use by one or more shares/,
    );
    expect((await server.rest("DELETE", "/api/v1/shares/inuse")).status).to.be.within(200, 299);
    await plugin.delete(META, meta.id, meta.outputs);
    await plugin.delete(BLOCK, local.id, local.outputs);
  });

  it("the server stopped: create fails saying so (nothing recorded), and a rerun after its restart converges", async function () {
    const inputs = await check(BLOCK, {
      kind: "local",
      name: "after-stop",
      type: "fs",
      fs: { path: `${VOLUME}/after-stop` },
    });
    await server.stop();
    const message = await failure(plugin.create(BLOCK, inputs));
    expect(message).to.match(/POST \/api\/v1\/store\/block\/local: cannot reach http:\/\//);
    for (const s of secrets) expect(message).not.to.include(s);
    await server.restart();
    // The rerun: a new engine run starts the plugin anew, configured with the server's (new) address.
    const stderr = plugin.stderr.join("");
    for (const s of secrets) expect(stderr).not.to.include(s);
    await plugin.stop();
    plugin = await PluginClient.start();
    await plugin.configure({ endpoint: server.endpoint, password: secret(server.adminPassword) });
    expect(
      (await plugin.read(BLOCK, "local/after-stop", inputs, inputs)).id,
      "nothing was made",
    ).to.equal("");
    const created = await plugin.create(BLOCK, inputs);
    expect((await server.rest("GET", "/api/v1/store/block/local/after-stop")).status).to.equal(200);
    await plugin.delete(BLOCK, created.id, created.outputs);
  });

  describe("bad inputs only the server can know: pass check, fail at create with the server's message", () => {
    for (const bad of [...METADATA_STORE_BAD_INPUTS, ...BLOCK_STORE_BAD_INPUTS].filter(
      (b) => b.serverOnly,
    ))
      it(bad.title, async () => {
        const wire = structuredClone(bad.inputs) as Props;
        for (const block of ["postgres", "s3"]) {
          const b = wire[block] as Props | undefined;
          for (const k of ["password", "accessKeyId", "secretAccessKey"])
            if (b?.[k] !== undefined) b[k] = secret(b[k]);
        }
        const inputs = await check(bad.type, wire);
        const message = await failure(plugin.create(bad.type, inputs));
        expect(message).to.match(bad.reason);
        for (const s of secrets) expect(message).not.to.include(s);
      });
  });
});
