/**
 * The complete example stacks (examples/complete/yaml and examples/complete/typescript) with the real engine: a
 * DittoServer on a local control plane (kube-apiserver + kwok, as `npm run e2e`) and its contents made through the
 * plugin on a real v0.29 server (booted in the pod sandbox, as `npm run test:server`); the stacks' provider reaches
 * that server through their `apiUrl` config, as a port-forward would. Up, up again with no change, a change in
 * `preview --diff` (no secret in it), drift made out of band found by refresh and repaired by up, destroy leaving the
 * server as it was.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Cluster } from "../e2e/cluster";
import { changes, expectNoPlaintext, steps } from "../e2e/preview";
import { must } from "../e2e/shell";
import { Stack } from "../e2e/stack";
import { missing, REPO } from "../e2e/toolchain";
import { FakeS3 } from "./fake-s3";
import { liveServerUnavailable, LiveServer } from "./live-server";

/** What the server holds, by kind: the names the stacks make and destroy. */
async function contents(server: LiveServer): Promise<Record<string, string[]>> {
  const list = async (route: string, key: string) => {
    const r = await server.rest("GET", route);
    expect(r.status, `GET ${route}`).to.equal(200);
    return ((r.body ?? []) as Array<Record<string, unknown>>).map((o) => String(o[key])).sort();
  };
  return {
    metadataStores: await list("/api/v1/store/metadata", "name"),
    localBlockStores: await list("/api/v1/store/block/local", "name"),
    remoteBlockStores: await list("/api/v1/store/block/remote", "name"),
    shares: await list("/api/v1/shares", "name"),
    users: await list("/api/v1/users", "username"),
    groups: await list("/api/v1/groups", "name"),
  };
}

const MADE = {
  metadataStores: ["meta"],
  localBlockStores: ["cache"],
  remoteBlockStores: ["s3"],
  shares: ["/docs", "/scratch"],
  users: ["alice", "bob"],
  groups: ["editors"],
};

describe("the complete example stacks on a real v0.29 server, with the real engine", function () {
  this.timeout(20 * 60 * 1000);
  const run = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-complete-"));
  const cluster = new Cluster(run);
  let server: LiveServer;
  let s3: FakeS3;
  let initial: Record<string, string[]>;
  let skip = liveServerUnavailable() || missing("engine", "cluster");

  before(async function () {
    if (!skip) skip = cluster.start();
    if (skip) {
      console.log(`    skipped: ${skip}`);
      this.skip();
    }
    must(cluster.kubectl("create", "namespace", "files"), "create namespace");
    s3 = await FakeS3.start(["example-secret-access-key", "rotated-secret-access-key"]);
  });

  after(async () => {
    cluster.stop();
    await s3?.stop();
  });

  // The stand-in S3 answers from this process: the CLI must run without blocking its event loop.
  const pulumi = async (stack: Stack, ...args: string[]) =>
    must(await stack.pulumiAsync(...args, "--suppress-progress"), args[0]).stdout;
  const up = (stack: Stack, ...extra: string[]) =>
    pulumi(stack, "up", "--yes", "--skip-preview", ...extra);

  const stackOf = (language: string) => {
    const stack = new Stack(
      path.join(REPO, "examples", "complete", language),
      path.join(run, `state-${language}`),
      cluster.kubeconfig,
    );
    stack.init();
    stack.config("apiUrl", server.endpoint).config("adminPassword", server.adminPassword, true);
    // S3 is a stand-in on the sandbox's node address (no bucket is reachable here): a share offloading to it attaches.
    stack
      .config("s3Endpoint", `http://${server.run.network!.nodeIp}:${s3.port}`)
      .config("s3AllowPrivateEndpoint", "true");
    return stack;
  };

  // A server per stack: the server keeps a deleted BadgerDB store's directory locked until it restarts.
  beforeEach(async function () {
    // The examples' claims: the content claim is where their local block store keeps its blocks.
    const name = `complete-${this.currentTest!.title.split(":")[0]}`;
    server = await LiveServer.start(name, { metadataSize: "10Gi", contentSize: "50Gi" });
    initial = await contents(server);
  });

  afterEach(async () => {
    await server?.dispose();
  });

  for (const language of ["yaml", "typescript"]) {
    it(`${language}: up configures the server; a second up changes nothing; a secret's change previews masked; drift is found and repaired; destroy leaves the server as it was`, async () => {
      if (language === "typescript") {
        // The example imports the package by name: link it to this repository (built lib/), as npm install would.
        const link = path.join(
          REPO,
          "examples",
          "complete",
          "typescript",
          "node_modules",
          "dittofs",
        );
        fs.mkdirSync(path.dirname(link), { recursive: true });
        if (!fs.existsSync(link)) fs.symlinkSync(path.relative(path.dirname(link), REPO), link);
      }
      const stack = stackOf(language);
      try {
        const secrets = [server.adminPassword, "example-secret-access-key"];
        expectNoPlaintext(await up(stack), secrets);
        const made = await contents(server);
        for (const [kind, names] of Object.entries(MADE))
          expect(made[kind], kind).to.include.members(names);
        const members = await server.rest("GET", "/api/v1/groups/editors/members");
        expect(JSON.stringify(members.body)).to.include("alice");
        const policy = await server.rest("GET", "/api/v1/shares/docs/snapshot-policy");
        expect(policy.status).to.equal(200);
        expect(JSON.stringify((await server.rest("GET", "/api/v1/shares/docs/permissions")).body))
          .to.include("editors")
          .and.include("read-write");

        await up(stack, "--expect-no-changes", "--diff");

        // A rotated S3 key: an in-place update of the remote block store, masked.
        stack.config("s3SecretAccessKey", "rotated-secret-access-key", true);
        const preview = await pulumi(stack, "preview", "--diff");
        expectNoPlaintext(preview, [...secrets, "rotated-secret-access-key"]);
        expect(steps(preview).filter((s) => !/ (read|same) /.test(s))).to.deep.equal([
          "dittofs:index:BlockStore update offload",
        ]);
        expect(preview).to.include("[secret]");
        await up(stack);

        // Drift: bob is deleted behind the stack's back; refresh sees it, up makes him again.
        expect((await server.rest("DELETE", "/api/v1/users/bob")).status).to.be.oneOf([200, 204]);
        const refresh = await pulumi(stack, "refresh", "--yes");
        expectNoPlaintext(refresh, secrets);
        expect(changes(await pulumi(stack, "preview", "--diff"))).to.include(
          "dittofs:index:User create",
        );
        await up(stack);
        expect((await contents(server)).users).to.include("bob");
        await up(stack, "--expect-no-changes", "--diff");

        await pulumi(stack, "destroy", "--yes");
        expect(await contents(server)).to.deep.equal(initial);
      } finally {
        // A failed run leaves nothing for the next one (its own destroy, when it got there, made this a no-op).
        await stack.pulumiAsync("destroy", "--yes", "--suppress-progress");
        stack.cleanup();
      }
    });
  }
});
