/**
 * The leak scan over the runtime resources' provider: the plugin's own gRPC surface (as the engine calls it) with
 * secret inputs in every kind that has them, scanned in its check failures, diffs, errors and stderr. No server is
 * needed: the provider points at an address nothing answers, so creates fail as they would on a network error (the
 * live-server suites scan the errors the server itself returns).
 */
import { expect } from "chai";
import { PluginClient, secret } from "../resources/plugin-client";
import { LeakScan } from "./leak-scan";

const V = {
  admin: "LeakAdminPw-9Zr4",
  user: "LeakUserPw-7Qx1",
  userNext: "LeakUserPw-next-3Vb",
  s3Key: "LeakS3Secret-4Kd8",
  s3KeyNext: "LeakS3Secret-next-6Hj",
  s3Id: "AKIALEAKEXAMPLE42",
  pg: "LeakPgPw-2Mn5",
};

describe("verification: secret leaks of the runtime resources' provider", function () {
  this.timeout(120000);
  const leaks = new LeakScan(Object.values(V));
  let plugin: PluginClient;
  const hits: string[] = [];
  const scan = (where: string, value: unknown) => {
    leaks.stats.errors++;
    hits.push(...leaks.scan(where, typeof value === "string" ? value : JSON.stringify(value)));
  };
  const failure = async (where: string, call: () => Promise<unknown>) => {
    const error = await call().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error, `${where} fails`).to.be.instanceOf(Error);
    scan(where, error!.message);
  };

  const s3 = (key: string, bucket = "blocks") => ({
    bucket,
    region: "eu-west-1",
    accessKeyId: secret(V.s3Id),
    secretAccessKey: secret(key),
  });
  const user = (password: string, username = "alice") => ({ username, password: secret(password) });
  const postgres = (port: number) => ({
    name: "meta",
    type: "postgres",
    postgres: { host: "db", port, database: "d", user: "u", password: secret(V.pg) },
  });

  before(async () => {
    plugin = await PluginClient.start();
    await plugin.configure({
      endpoint: "http://127.0.0.1:9",
      password: secret(V.admin),
      timeoutSeconds: 2,
    });
  });

  after(async () => {
    scan("plugin stderr", plugin?.stderr.join("") ?? "");
    await plugin?.stop();
    console.log(
      `      [provider leaks] scanned ${leaks.stats.errors} failures, diffs, errors and logs for ` +
        `${Object.keys(V).length} secret values (${leaks.stats.needles} needle checks): leaks found ${leaks.stats.hits}`,
    );
  });

  it("check failures on inputs beside secrets name the property, never the secret", async () => {
    for (const [type, inputs] of [
      ["dittofs:index:User", user(V.user, "a b")],
      ["dittofs:index:BlockStore", { kind: "remote", name: "s3", type: "s3", s3: s3(V.s3Key, "") }],
      ["dittofs:index:MetadataStore", postgres(0)],
    ] as const) {
      const checked = await plugin.check(type, inputs);
      expect(checked.failures, type).to.not.deep.equal([]);
      scan(`${type} check`, checked.failures);
    }
    expect(hits).to.deep.equal([]);
  });

  it("a changed secret shows in the diff by name only", async () => {
    const olds = (await plugin.check("dittofs:index:User", user(V.user))).inputs;
    const news = (await plugin.check("dittofs:index:User", user(V.userNext))).inputs;
    const d = await plugin.diff("dittofs:index:User", "alice", olds, news);
    expect(Object.keys(d.detailed)).to.deep.equal(["password"]);
    scan("User diff", d);
    const block = (key: string) =>
      plugin.check("dittofs:index:BlockStore", {
        kind: "remote",
        name: "s3",
        type: "s3",
        s3: s3(key),
      });
    const blockDiff = await plugin.diff(
      "dittofs:index:BlockStore",
      "remote/s3",
      (await block(V.s3Key)).inputs,
      (await block(V.s3KeyNext)).inputs,
    );
    expect(blockDiff.changes).to.equal("some");
    scan("BlockStore diff", blockDiff);
    expect(hits).to.deep.equal([]);
  });

  it("errors of calls that cannot reach the server carry no secret", async () => {
    const inputsOf = async (type: string, inputs: Record<string, unknown>) =>
      (await plugin.check(type, inputs)).inputs;
    const userInputs = await inputsOf("dittofs:index:User", user(V.user));
    await failure("User create", () => plugin.create("dittofs:index:User", userInputs));
    await failure("User update", () =>
      plugin.update("dittofs:index:User", "alice", userInputs, {
        ...userInputs,
        password: secret(V.userNext),
      }),
    );
    const pg = await inputsOf("dittofs:index:MetadataStore", postgres(5432));
    await failure("MetadataStore create", () => plugin.create("dittofs:index:MetadataStore", pg));
    const block = await inputsOf("dittofs:index:BlockStore", {
      kind: "remote",
      name: "s3",
      type: "s3",
      s3: s3(V.s3Key),
    });
    await failure("BlockStore create", () => plugin.create("dittofs:index:BlockStore", block));
    await failure("User read", () => plugin.read("dittofs:index:User", "alice", {}, userInputs));
    expect(hits).to.deep.equal([]);
  });
});
